import { ConnectDetail, LineKind, NoteDetail, ReplyCode } from '../model/line-kind';

/**
 * What the errors-only filter keeps (the explore issue's list): SMTP 4xx and 5xx replies, POP3
 * `-ERR`, IMAP `NO`/`BAD`, failure notes (authentication failures and relay denials below level 3
 * among them), failed connects of deliveries, and unparsed lines.
 */
export function isError(kind: number, detail: number): boolean {
  switch (kind) {
    case LineKind.Unparsed:
      return true;
    case LineKind.Reply:
      return (
        (detail >= 400 && detail < 600) ||
        detail === ReplyCode.PopErr ||
        detail === ReplyCode.ImapNo ||
        detail === ReplyCode.ImapBad
      );
    case LineKind.Note:
      return (detail & NoteDetail.Failure) !== 0;
    case LineKind.Connect:
      return (detail & ConnectDetail.Failed) !== 0;
    default:
      return false;
  }
}

let table: Uint8Array | undefined;

/** isError for every (kind, detail), a byte each (1 MB), made once: a row's answer is one lookup. */
export function errorTable(): Uint8Array {
  return (table ??= Uint8Array.from({ length: 16 << 16 }, (_, i) => (isError(i >>> 16, i & 0xffff) ? 1 : 0)));
}
