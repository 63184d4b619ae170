import { OUTCOME_NAMES, SessionFlag, type LogIndex, type Outcome } from '../model/log-index';
import { NO_TIME } from '../model/units';
import { formatDateTime } from '../lib/format-time';

/** How sure a link of a journey is: one session fits, several do (the nearest is shown), or none. */
export type LinkCertainty = 'one' | 'several' | 'none';

export interface JourneyStep {
  /** delivery: the MTA session that made it; accepted: the SMTP session that took the message in; pickup: the recipient's POP3/IMAP4 sessions after it. */
  step: 'delivery' | 'accepted' | 'pickup';
  certainty: LinkCertainty;
  /** Sessions that fit; the first is the one shown (nearest in time). */
  candidates: number;
  session?: number;
  service?: string;
  peer?: string;
  start?: string;
  outcome?: string;
}

export interface Journey {
  entry: number;
  time: string;
  sender: string;
  recipient: string;
  code: number;
  steps: JourneyStep[];
}

/** How far back an inbound message is looked for before its delivery: a day. */
const ACCEPTED_WITHIN_SEC = 86400;
/** Pickups shown after a delivery: the first sessions of the user within a day. */
const PICKUP_WITHIN_SEC = 86400;

/**
 * The way one message went through the server, from its report log entry: the MTA session that
 * delivered it (the session matched to the entry at load, else the nearest MTA session of the same
 * sender and recipient at or before the entry), the SMTP session that accepted it (same MAIL FROM
 * and RCPT TO, ended before the delivery began, nearest first), and for a local recipient the
 * POP3/IMAP4 sessions of that user afterwards. A heuristic: every link says how many sessions fit,
 * and a link nothing fits is shown as missing, never guessed.
 */
export function describeJourney(index: LogIndex, entry: number): Journey {
  const { report, sessions: c, strings, services } = index;
  const sender = report.sender[entry];
  const recipient = report.recipient[entry];
  const at = report.time[entry];
  const serviceIs = (s: number, name: string) => services[c.service[s]] === name;
  const hasRecipient = (s: number) => {
    for (let k = c.rcptStart[s]; k < c.rcptStart[s + 1]; k++) if (c.rcptAddr[k] === recipient) return true;
    return false;
  };
  const sameMessage = (s: number) => c.mailFrom[s] === sender && hasRecipient(s);

  // The delivery: the session the load matched to this entry, else the MTA sessions that fit.
  const deliveries: number[] = [];
  let matched = -1;
  for (let s = 0; s < c.count; s++) {
    if (!serviceIs(s, 'MTA')) continue;
    if (c.delivery[s] === entry) matched = s;
    if (sameMessage(s) && c.firstTime[s] <= at) deliveries.push(s);
  }
  const nearestFirst = (list: number[], key: (s: number) => number) => list.sort((a, b) => key(a) - key(b));
  nearestFirst(deliveries, (s) => at - c.firstTime[s]);
  const delivery = matched >= 0 ? matched : deliveries[0];
  const deliveredFrom = delivery !== undefined ? c.firstTime[delivery] : at;

  const accepted: number[] = [];
  for (let s = 0; s < c.count; s++) {
    if (!serviceIs(s, 'SMTP') || !sameMessage(s)) continue;
    const end = c.lastTime[s];
    if (end !== NO_TIME && end <= deliveredFrom && deliveredFrom - end <= ACCEPTED_WITHIN_SEC)
      accepted.push(s);
  }
  nearestFirst(accepted, (s) => deliveredFrom - c.lastTime[s]);

  // A local recipient is one who logs in to read mail: as the whole address, or its local part.
  const address = recipient >= 0 ? strings[recipient].toLowerCase() : '';
  const local = address.split('@')[0];
  const pickups: number[] = [];
  let logsIn = false;
  for (let s = 0; s < c.count; s++) {
    if (!serviceIs(s, 'POP3') && !serviceIs(s, 'IMAP4')) continue;
    const user = c.authUser[s] >= 0 ? strings[c.authUser[s]].toLowerCase() : '';
    if (!user || (user !== address && user !== local)) continue;
    logsIn = true;
    if (c.firstTime[s] >= at && c.firstTime[s] - at <= PICKUP_WITHIN_SEC) pickups.push(s);
  }
  nearestFirst(pickups, (s) => c.firstTime[s] - at);

  const step = (kind: JourneyStep['step'], list: number[], chosen = list[0]): JourneyStep => {
    const certainty: LinkCertainty = chosen === undefined ? 'none' : list.length > 1 ? 'several' : 'one';
    if (chosen === undefined) return { step: kind, certainty, candidates: 0 };
    const str = (id: number) => (id >= 0 ? strings[id] : '');
    const host = str(c.peerHost[chosen]);
    const ip = str(c.peerIp[chosen]);
    return {
      step: kind,
      certainty,
      candidates: Math.max(list.length, 1),
      session: chosen,
      service: services[c.service[chosen]],
      peer: ip && ip !== host ? `${host} (${ip})` : host,
      start: c.firstTime[chosen] === NO_TIME ? '' : formatDateTime(c.firstTime[chosen]),
      outcome:
        OUTCOME_NAMES[c.outcome[chosen] as Outcome] +
        (c.flags[chosen] & SessionFlag.Partial ? ' (partial)' : ''),
    };
  };
  const steps = [step('accepted', accepted), step('delivery', deliveries, delivery)];
  // Pickups only where the recipient is someone who logs in here: a remote recipient has none.
  if (logsIn) steps.push(step('pickup', pickups));
  return {
    entry,
    time: at === NO_TIME ? '' : formatDateTime(at),
    sender: sender >= 0 ? strings[sender] : '',
    recipient: address,
    code: report.code[entry],
    steps,
  };
}
