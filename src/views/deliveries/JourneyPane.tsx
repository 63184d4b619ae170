import type { JourneyStep } from '../../query/journey';
import { describeReportCode } from '../../model/report-codes';
import { openJourney, useDeliveries } from '../../state/deliveries-store';
import { openConversation } from '../../state/explore-store';
import { showTab } from '../../state/view-tabs';
import { useMessages } from '../../i18n/lang';
import type { Messages } from '../../i18n/messages';

function certainty(step: JourneyStep, m: Messages): string {
  if (step.certainty === 'none') return m.certaintyNone;
  if (step.certainty === 'one') return m.certaintyOne;
  return m.certaintySeveral(step.candidates);
}

/**
 * A report entry's journey: the session that accepted the message, the one that delivered it, and
 * the recipient's pickups, each with how sure the link is, each opening its conversation.
 */
export function JourneyPane() {
  const journey = useDeliveries((s) => s.journey);
  const m = useMessages();
  if (!journey) return null;
  const meaning = describeReportCode(journey.code);
  return (
    <aside className="journey" data-testid="journey" aria-label={m.aria.journey}>
      <header className="journey__head">
        <h2>{m.journeyTitle}</h2>
        <button
          type="button"
          className="button button--small"
          onClick={() => openJourney(null)}
          aria-label={m.close}
        >
          ×
        </button>
      </header>
      <dl className="journey__entry">
        <dt>{m.reported}</dt>
        <dd>{journey.time}</dd>
        <dt>{m.columns.sender}</dt>
        <dd>{journey.sender || '<>'}</dd>
        <dt>{m.columns.recipient}</dt>
        <dd>{journey.recipient}</dd>
        <dt>{m.result}</dt>
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
            <strong>{m.journeyStep[step.step]}</strong>
            <span className="journey-step__certainty">{certainty(step, m)}</span>
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
                  {m.openConversation}
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
