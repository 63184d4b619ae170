/**
 * Protocol verbs we recognise as commands (log-format.md, "Client commands vs server replies";
 * the list beyond the vendor's examples is assumed from the SMTP, POP3 and IMAP4 RFCs).
 * A row's detail column stores index + 1.
 */
// prettier-ignore
export const COMMAND_VERBS = [
  // SMTP
  'HELO', 'EHLO', 'MAIL', 'RCPT', 'DATA', 'QUIT', 'RSET', 'NOOP', 'VRFY', 'EXPN', 'AUTH', 'STARTTLS',
  'HELP', 'TURN', 'ETRN', 'BDAT', 'ATRN',
  // POP3
  'USER', 'PASS', 'APOP', 'STAT', 'LIST', 'RETR', 'DELE', 'TOP', 'UIDL', 'CAPA', 'STLS', 'LAST',
  // IMAP4
  'LOGIN', 'AUTHENTICATE', 'SELECT', 'EXAMINE', 'CREATE', 'DELETE', 'RENAME', 'SUBSCRIBE',
  'UNSUBSCRIBE', 'LSUB', 'STATUS', 'APPEND', 'CHECK', 'CLOSE', 'EXPUNGE', 'SEARCH', 'FETCH', 'STORE',
  'COPY', 'MOVE', 'UID', 'LOGOUT', 'CAPABILITY', 'IDLE', 'DONE', 'NAMESPACE', 'ENABLE', 'ID',
  'GETQUOTA', 'GETQUOTAROOT', 'GETACL', 'MYRIGHTS', 'UNSELECT',
] as const;

export function verbOfDetail(detail: number): string {
  return COMMAND_VERBS[detail - 1] ?? '?';
}
