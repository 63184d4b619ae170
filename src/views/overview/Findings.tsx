import {
  DEFAULT_THRESHOLDS,
  type Finding,
  type FindingKind,
  type FindingThresholds,
} from '../../query/finding-types';
import { useMessages } from '../../i18n/lang';
import type { Messages } from '../../i18n/messages';
import { formatDateTime } from '../../lib/format-time';
import { setThreshold, useFindings } from '../../state/findings-store';
import { formatCount } from '../format';

/** The threshold each finding is measured against, in words. */
function thresholdOf(kind: FindingKind, t: FindingThresholds, m: Messages): string {
  const w = m.thresholdText;
  switch (kind) {
    case 'password-guessing-ip':
    case 'password-guessing-user':
      return w.guess(t.guessFailures, t.guessWindowMin);
    case 'relay-attempts':
      return w.relay(t.relayDenials);
    case 'failing-domain':
      return w.domain(t.domainFailures, t.domainFailurePercent);
    case 'temporary-surge':
      return w.surge(t.temporarySurge, t.temporaryWindowMin);
    case 'service-restart':
      return w.anyRestart;
    case 'level-change':
      return w.anyChange;
    case 'gap':
      return w.gap(t.gapMin);
  }
}

const THRESHOLD_FIELDS = Object.keys(DEFAULT_THRESHOLDS) as Array<keyof FindingThresholds>;

/**
 * The findings of the load, each with its evidence one click away and the threshold it passed;
 * the thresholds can be changed (the engine finds again).
 */
export function Findings({ onEvidence }: { onEvidence: (f: Finding) => void }) {
  const { thresholds, findings } = useFindings();
  const m = useMessages();
  return (
    <div className="findings" data-testid="findings">
      {findings && findings.length === 0 && <p className="findings__none">{m.nothingStandsOut}</p>}
      <ul className="findings__list">
        {findings?.map((f, i) => (
          <li
            key={`${f.kind}:${f.subject}:${f.from ?? i}`}
            className="finding"
            data-testid="finding"
            data-kind={f.kind}
          >
            <span className="finding__title">{m.findingTitle[f.kind](f.subject, formatCount(f.count))}</span>
            {f.from !== undefined && (
              <span className="finding__when">
                {formatDateTime(f.from)}
                {f.to !== undefined && f.to - 1 > f.from ? ` – ${formatDateTime(f.to - 1)}` : ''}
              </span>
            )}
            <span className="finding__threshold">{thresholdOf(f.kind, thresholds, m)}</span>
            <button
              type="button"
              className="button button--small"
              data-testid="finding-evidence"
              onClick={() => onEvidence(f)}
            >
              {m.showEvidence}
            </button>
          </li>
        ))}
      </ul>
      <details className="findings__thresholds">
        <summary>{m.thresholds}</summary>
        {THRESHOLD_FIELDS.map((key) => (
          <label key={key}>
            {m.thresholdField[key]}
            <input
              type="number"
              min={1}
              data-testid={`threshold-${key}`}
              defaultValue={thresholds[key]}
              onChange={(e) => setThreshold(key, Number(e.target.value))}
            />
          </label>
        ))}
      </details>
    </div>
  );
}
