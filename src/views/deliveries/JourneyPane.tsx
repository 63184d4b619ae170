import type { JourneyStep } from '../../query/journey';
import { describeReportCode } from '../../model/report-codes';
import { openJourney, useDeliveries } from '../../state/deliveries-store';
import { openConversation } from '../../state/explore-store';
import { showTab } from '../../state/view-tabs';

const TITLES: Record<JourneyStep['step'], string> = {
  accepted: 'Accepted (inbound SMTP)',
  delivery: 'Delivered (MTA)',
  pickup: 'Picked up (POP3 / IMAP4)',
};

function certainty(step: JourneyStep): string {
  if (step.certainty === 'none') return 'no session fits';
  if (step.certainty === 'one') return 'one session fits';
  return `${step.candidates} sessions fit: the nearest is shown`;
}

/**
 * A report entry's journey: the session that accepted the message, the one that delivered it, and
 * the recipient's pickups, each with how sure the link is, each opening its conversation.
 */
export function JourneyPane() {
  const journey = useDeliveries((s) => s.journey);
  if (!journey) return null;
  const meaning = describeReportCode(journey.code);
  return (
    <aside className="journey" data-testid="journey" aria-label="Journey">
      <header className="journey__head">
        <h2>Journey of a message</h2>
        <button
          type="button"
          className="button button--small"
          onClick={() => openJourney(null)}
          aria-label="Close"
        >
          ×
        </button>
      </header>
      <dl className="journey__entry">
        <dt>Reported</dt>
        <dd>{journey.time}</dd>
        <dt>From</dt>
        <dd>{journey.sender || '<>'}</dd>
        <dt>To</dt>
        <dd>{journey.recipient}</dd>
        <dt>Result</dt>
        <dd>
          {journey.code}: {meaning.ja} / {meaning.en}
        </dd>
      </dl>
      <ol className="journey__steps">
        {journey.steps.map((step) => (
          <li
            key={step.step}
            className={`journey-step journey-step--${step.certainty}`}
            data-testid="journey-step"
            data-step={step.step}
            data-certainty={step.certainty}
          >
            <strong>{TITLES[step.step]}</strong>
            <span className="journey-step__certainty">{certainty(step)}</span>
            {step.session !== undefined && (
              <>
                <span>
                  {step.service} · {step.start} · {step.peer} · {step.outcome}
                </span>
                <button
                  type="button"
                  className="button button--small"
                  data-testid="journey-open"
                  onClick={() => {
                    showTab('log');
                    openConversation(step.session!);
                  }}
                >
                  Open its conversation
                </button>
              </>
            )}
          </li>
        ))}
      </ol>
      <p className="journey__note">
        Links are found by sender, recipient and time: a heuristic. Where several sessions fit, the nearest is
        shown; where none does, none is invented.
      </p>
    </aside>
  );
}
