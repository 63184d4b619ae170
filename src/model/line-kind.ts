/** What a log line is. Stored as one byte per row. */
export const LineKind = {
  /** Did not fit any layout: kept with its exact bytes. */
  Unparsed: 0,
  ServiceStart: 1,
  ServiceStop: 2,
  Connect: 3,
  Disconnect: 4,
  /** A protocol command: from the peer in SMTP/POP3/IMAP4, from our server in MTA logs. */
  Command: 5,
  /** A protocol reply: from our server in SMTP/POP3/IMAP4, from the remote host in MTA logs. */
  Reply: 6,
  /** The server's own explanation (often Japanese). */
  Note: 7,
  /** One entry of the MTA report log. */
  Report: 8,
} as const;
export type LineKind = (typeof LineKind)[keyof typeof LineKind];

export const LINE_KIND_NAMES: Record<LineKind, string> = {
  0: 'unparsed',
  1: 'service start',
  2: 'service stop',
  3: 'connect',
  4: 'disconnect',
  5: 'command',
  6: 'reply',
  7: 'note',
  8: 'report',
};

/**
 * Non-numeric replies, stored in the same 16-bit detail column as SMTP's three-digit codes.
 * SMTP codes are 100..599, so these small numbers never collide.
 */
export const ReplyCode = {
  PopOk: 1,
  PopErr: 2,
  ImapUntagged: 3,
  ImapOk: 4,
  ImapNo: 5,
  ImapBad: 6,
  Continuation: 7,
} as const;

/** Bits in the detail column of a Connect row. */
export const ConnectDetail = {
  /** `Connect to`: our server connecting out (the MTA delivering). */
  Outbound: 1,
  /** The connect failed (`Connect to HOST(IP) に失敗しました。`, assumed wording). */
  Failed: 2,
} as const;

/** Bits in the detail column of a Note row. */
export const NoteDetail = {
  /** The note states a failure (its words: see model/note-words.ts). */
  Failure: 1,
} as const;

export function formatReplyCode(code: number): string {
  switch (code) {
    case ReplyCode.PopOk:
      return '+OK';
    case ReplyCode.PopErr:
      return '-ERR';
    case ReplyCode.ImapUntagged:
      return '*';
    case ReplyCode.ImapOk:
      return 'OK';
    case ReplyCode.ImapNo:
      return 'NO';
    case ReplyCode.ImapBad:
      return 'BAD';
    case ReplyCode.Continuation:
      return '+';
    default:
      return String(code);
  }
}
