/**
 * Words in the server's own notes that tell a session's outcome. The vendor documents none of
 * them (log-format.md: notes are "the server's own explanation"); the list is our decision, in
 * the README's "Outcomes". The scanner (assembly/line-scan.ts) looks for each word's bytes in
 * CP932 and in UTF-8, so notes are never decoded to be read.
 */
export const NoteWord = {
  /** パスワード, 認証: the failure is a login's. */
  Auth: 1,
  /** A word that states a failure. */
  Failure: 2,
  /** 中継: the failure is a relay's. */
  Relay: 4,
  /** 配信を開始: the MTA starts a delivery (a new session on its thread; assumed wording). */
  Delivery: 32,
} as const;

export interface NoteWordEntry {
  word: string;
  bits: number;
  /** The word in CP932, as hex: written out so the engine needs no codec table (a test checks it). */
  cp932: string;
}

// prettier-ignore
export const NOTE_WORDS: readonly NoteWordEntry[] = [
  { word: '失敗', bits: NoteWord.Failure, cp932: '8eb89473' },
  { word: '違います', bits: NoteWord.Failure, cp932: '88e182a282dc82b7' },
  { word: '拒否', bits: NoteWord.Failure, cp932: '8b9194db' },
  { word: 'エラー', bits: NoteWord.Failure, cp932: '83478389815b' },
  { word: 'できません', bits: NoteWord.Failure, cp932: '82c582ab82dc82b982f1' },
  { word: 'タイムアウト', bits: NoteWord.Failure, cp932: '835e83438380834183458367' },
  { word: '不正', bits: NoteWord.Failure, cp932: '957390b3' },
  { word: 'パスワード', bits: NoteWord.Auth, cp932: '83708358838f815b8368' },
  { word: '認証', bits: NoteWord.Auth, cp932: '94468fd8' },
  { word: '中継', bits: NoteWord.Relay, cp932: '92868c70' },
  { word: '配信を開始', bits: NoteWord.Delivery, cp932: '947a904d82f08a4a8e6e' },
];
