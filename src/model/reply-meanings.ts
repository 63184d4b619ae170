/**
 * Short meanings of SMTP reply codes (RFC 5321, section 4.2), shown beside replies in the
 * conversation pane. Only the codes servers commonly send; others show their class.
 */
const MEANINGS: Record<number, string> = {
  211: 'system status',
  214: 'help',
  220: 'service ready',
  221: 'closing connection',
  235: 'authentication succeeded',
  250: 'ok',
  251: 'user not local, will forward',
  252: 'cannot verify user, will try',
  334: 'authentication challenge',
  354: 'start mail input',
  421: 'service not available, closing',
  450: 'mailbox unavailable (busy)',
  451: 'local error, try again later',
  452: 'insufficient storage',
  454: 'temporary authentication failure',
  500: 'command not recognized',
  501: 'syntax error in arguments',
  502: 'command not implemented',
  503: 'bad sequence of commands',
  504: 'parameter not implemented',
  530: 'authentication required',
  534: 'authentication mechanism too weak',
  535: 'authentication failed',
  550: 'mailbox unavailable',
  551: 'user not local',
  552: 'exceeded storage allocation',
  553: 'mailbox name not allowed',
  554: 'transaction failed',
};

/** A reply code's short meaning: the code's own, else its class (2xx ok, 4xx temporary, 5xx permanent). */
export function replyMeaning(code: number): string {
  const known = MEANINGS[code];
  if (known) return known;
  if (code >= 200 && code < 300) return 'ok';
  if (code >= 300 && code < 400) return 'waiting for more';
  if (code >= 400 && code < 500) return 'temporary failure';
  if (code >= 500 && code < 600) return 'permanent failure';
  return '';
}
