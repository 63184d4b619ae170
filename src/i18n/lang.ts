/**
 * The interface's language: English or Japanese, first from the user's choice (remembered in
 * this browser), else from the browser's language. `useMessages()` gives the current catalogue.
 */
import { useSyncExternalStore } from 'react';
import { en, ja, type Messages } from './messages';

export type Lang = 'en' | 'ja';

const STORAGE_KEY = 'pmail-log-viewer.lang';
const listeners = new Set<() => void>();

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'ja') return saved;
  } catch {
    // Storage may be off (a file:// page, a strict setting): the browser's language decides.
  }
  const wanted = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return wanted.some((l) => l.toLowerCase().startsWith('ja')) ? 'ja' : 'en';
}

let lang: Lang = typeof window === 'undefined' ? 'en' : initialLang();

function apply(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}
apply();

export function setLang(next: Lang): void {
  lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered, still switched.
  }
  apply();
  for (const l of listeners) l();
}

function messagesOf(l: Lang): Messages {
  return l === 'ja' ? ja : en;
}

export function useLang(): Lang {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => lang,
  );
}

export function useMessages(): Messages {
  return messagesOf(useLang());
}
