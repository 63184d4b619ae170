import type { ConversationView } from '../../query/conversation';
import { openConversation, setFilter, useExplore } from '../../state/explore-store';
import { formatCount } from '../format';
import './ConversationPane.css';
import { useMessages } from '../../i18n/lang';

/**
 * One connection read as a conversation: who connected, what each side said, what the server
 * noted, and how it ended. In MTA logs our server is the client and the remote host answers.
 */
export function ConversationPane() {
  const c = useExplore((s) => s.conversation);
  const messages = useMessages();
  const m = messages.conversation;
  if (!c) return null;
  return (
    <aside className="conversation" data-testid="conversation" aria-label={messages.aria.conversation}>
      <header className="conversation__head">
        <h2 className="conversation__title">
          {m.session(c.service, c.session)}
          <span
            className={`outcome outcome--${c.outcome.replace(' ', '-')}`}
            data-testid="conversation-outcome"
          >
            {c.outcome}
          </span>
        </h2>
        <button
          type="button"
          className="button button--small"
          onClick={() => openConversation(null)}
          aria-label={messages.close}
        >
          ×
        </button>
      </header>
      <dl className="conversation__facts">
        <Fact label={m.thread} value={c.jobId ? `${c.thread}-${c.jobId}` : c.thread || m.noThread} />
        <Fact
          label={m.peer}
          value={c.peerIp && c.peerIp !== c.peerHost ? `${c.peerHost} (${c.peerIp})` : c.peerHost}
        />
        <Fact label="HELO" value={c.helo} />
        <Fact label={m.user} value={c.authUser} />
        <Fact label="MAIL FROM" value={c.mailFrom} />
        <Fact label="RCPT TO" value={c.rcptTo.join(', ')} />
        <Fact label={m.start} value={c.start} />
        <Fact label={m.duration} value={c.durationSec === null ? '' : `${formatCount(c.durationSec)} s`} />
        {c.delivery && <Fact label={m.report} value={`${c.delivery.code} ${c.delivery.meaning}`} />}
      </dl>
      <Notes c={c} />
      <nav className="conversation__nav" aria-label={messages.aria.otherSessions}>
        <NavButton testId="session-prev" label={m.previousOnThread} target={c.previousOnThread} />
        <NavButton testId="session-next" label={m.nextOnThread} target={c.nextOnThread} />
        <NavButton testId="peer-prev" label={m.previousOfPeer} target={c.previousOfPeer} />
        <NavButton testId="peer-next" label={m.nextOfPeer} target={c.nextOfPeer} />
        <button
          type="button"
          className="button button--small"
          data-testid="session-only"
          onClick={() => setFilter({ session: c.session })}
        >
          {m.onlyThis}
        </button>
        <button
          type="button"
          className="button button--small"
          data-testid="copy-conversation"
          onClick={() => void copyAsText(c)}
        >
          {m.copy}
        </button>
      </nav>
      <ol className="conversation__lines">
        {c.lines.map((line) => (
          <li
            key={line.row}
            className={`conversation-line conversation-line--${line.speaker}${line.error ? ' conversation-line--error' : ''}`}
            data-testid="conversation-line"
            data-row={line.row}
          >
            <span className="conversation-line__who">
              {line.speaker === 'client' ? c.clientName : line.speaker === 'server' ? c.serverName : 'note'}
            </span>
            <time className="conversation-line__time">{line.time}</time>
            <span className="conversation-line__text">{line.text}</span>
            {line.meaning && <span className="conversation-line__meaning">{line.meaning}</span>}
          </li>
        ))}
      </ol>
    </aside>
  );
}

function Notes({ c }: { c: ConversationView }) {
  const m = useMessages().conversationNotes;
  const notes: string[] = [];
  if (c.partial) notes.push(m.partial);
  if (c.bestEffort) notes.push(m.bestEffort);
  if (c.warnings) notes.push(m.warnings);
  if (c.failedConnect) notes.push(m.failedConnect);
  if (c.lines.length < c.lineCount)
    notes.push(m.truncated(formatCount(c.lines.length), formatCount(c.lineCount)));
  if (notes.length === 0) return null;
  return (
    <ul className="conversation__notes">
      {notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  if (!value) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

function NavButton({ testId, label, target }: { testId: string; label: string; target: number }) {
  return (
    <button
      type="button"
      className="button button--small"
      data-testid={testId}
      disabled={target < 0}
      onClick={() => openConversation(target)}
    >
      {label}
    </button>
  );
}

async function copyAsText(c: ConversationView): Promise<void> {
  const text = c.lines
    .map(
      (l) =>
        `${l.time}  ${l.speaker === 'client' ? c.clientName : l.speaker === 'server' ? c.serverName : 'note'}  ${l.text}`,
    )
    .join('\n');
  await navigator.clipboard?.writeText(text);
}
