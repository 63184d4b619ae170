import { useEffect, useRef, useState } from 'react';
import { formatDateTime } from '../../lib/format-time';
import { parseDateTime } from './filter-chips';

/** Typing settles for this long before the engine is asked: one query per pause, not per key. */
const TYPING_PAUSE_MS = 250;

/** A text field that commits what is typed once typing pauses, or on Enter. */
export function DebouncedInput(props: {
  label: string;
  placeholder: string;
  value: string;
  onCommit: (value: string) => void;
  testId?: string;
  wide?: boolean;
}) {
  const { value, onCommit } = props;
  const draft = useDraft(value);
  const setDraft = draft.set;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const commit = (v: string) => {
    clearTimeout(timer.current);
    if (v !== value) onCommit(v);
  };
  return (
    <label className={`filter-bar__field ${props.wide ? 'filter-bar__field--wide' : ''}`}>
      <span>{props.label}</span>
      <input
        type="search"
        data-testid={props.testId}
        placeholder={props.placeholder}
        value={draft.text}
        onChange={(e) => {
          const v = e.target.value;
          setDraft(v);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(v), TYPING_PAUSE_MS);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(draft.text);
        }}
      />
    </label>
  );
}

/** `YYYY/MM/DD HH:MM:SS` (or a prefix of it), the log's own way of writing time. */
export function TimeInput(props: {
  label: string;
  value: number | undefined;
  onCommit: (t: number | undefined) => void;
  testId: string;
}) {
  const shown = props.value === undefined ? '' : formatDateTime(props.value);
  const { text: draft, set: setDraft } = useDraft(shown);
  const parsed = draft === '' ? undefined : parseDateTime(draft);
  return (
    <label className="filter-bar__field">
      <span>{props.label}</span>
      <input
        data-testid={props.testId}
        placeholder="2025/04/01 08:00"
        value={draft}
        aria-invalid={draft !== '' && parsed === undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => props.onCommit(parsed)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') props.onCommit(parsed);
        }}
      />
    </label>
  );
}

/**
 * What the user is typing in a field whose committed value is `value`: it starts over from the
 * value whenever the value changes from elsewhere (a chip removed, "clear all").
 */
function useDraft(value: string): { text: string; set: (text: string) => void } {
  const [draft, setDraft] = useState({ base: value, text: value });
  if (draft.base !== value) setDraft({ base: value, text: value });
  return { text: draft.base === value ? draft.text : value, set: (text) => setDraft({ base: value, text }) };
}
