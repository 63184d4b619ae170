import type { Finding, FindingKind, FindingThresholds } from '../../query/findings';
import { formatDateTime } from '../../lib/format-time';
import { setThreshold, useFindings } from '../../state/findings-store';
import { formatCount } from '../format';

/** What each finding says, and the threshold it is measured against. */
const DESCRIBE: Record<
  FindingKind,
  { title: (f: Finding) => string; threshold: (t: FindingThresholds) => string }
> = {
  'password-guessing-ip': {
    title: (f) => `Password guessing from ${f.subject}: ${formatCount(f.count)} failed logins`,
    threshold: (t) => `≥ ${t.guessFailures} failures within ${t.guessWindowMin} min`,
  },
  'password-guessing-user': {
    title: (f) => `Password guessing against user ${f.subject}: ${formatCount(f.count)} failed logins`,
    threshold: (t) => `≥ ${t.guessFailures} failures within ${t.guessWindowMin} min`,
  },
  'relay-attempts': {
    title: (f) => `Relay attempts from ${f.subject}: ${formatCount(f.count)} denied`,
    threshold: (t) => `≥ ${t.relayDenials} denials`,
  },
  'failing-domain': {
    title: (f) => `Deliveries to ${f.subject} keep failing: ${formatCount(f.count)} failed`,
    threshold: (t) => `≥ ${t.domainFailures} failures, ≥ ${t.domainFailurePercent} % of its deliveries`,
  },
  'temporary-surge': {
    title: (f) => `A surge of temporary failures (-7, -9): ${formatCount(f.count)}`,
    threshold: (t) => `≥ ${t.temporarySurge} within ${t.temporaryWindowMin} min`,
  },
  'service-restart': {
    title: (f) => `The service of ${f.subject} restarted ${formatCount(f.count)} ×`,
    threshold: () => 'any restart',
  },
  'level-change': {
    title: (f) => `The debug level of ${f.subject} changed ${formatCount(f.count)} ×`,
    threshold: () => 'any change',
  },
  gap: {
    title: (f) => `No line at all for ${formatCount(f.count)} min`,
    threshold: (t) => `≥ ${t.gapMin} min`,
  },
};

const THRESHOLD_FIELDS: Array<[keyof FindingThresholds, string]> = [
  ['guessFailures', 'failed logins'],
  ['guessWindowMin', 'within min'],
  ['relayDenials', 'relay denials'],
  ['domainFailures', 'domain failures'],
  ['domainFailurePercent', 'domain failure %'],
  ['temporarySurge', 'temporary failures'],
  ['temporaryWindowMin', 'within min'],
  ['gapMin', 'gap min'],
];

/**
 * The findings of the load, each with its evidence one click away and the threshold it passed;
 * the thresholds can be changed (the engine finds again).
 */
export function Findings({ onEvidence }: { onEvidence: (f: Finding) => void }) {
  const { thresholds, findings } = useFindings();
  return (
    <div className="findings" data-testid="findings">
      {findings && findings.length === 0 && (
        <p className="findings__none">Nothing stands out with these thresholds.</p>
      )}
      <ul className="findings__list">
        {findings?.map((f, i) => (
          <li
            key={`${f.kind}:${f.subject}:${f.from ?? i}`}
            className="finding"
            data-testid="finding"
            data-kind={f.kind}
          >
            <span className="finding__title">{DESCRIBE[f.kind].title(f)}</span>
            {f.from !== undefined && (
              <span className="finding__when">
                {formatDateTime(f.from)}
                {f.to !== undefined && f.to - 1 > f.from ? ` – ${formatDateTime(f.to - 1)}` : ''}
              </span>
            )}
            <span className="finding__threshold">{DESCRIBE[f.kind].threshold(thresholds)}</span>
            <button
              type="button"
              className="button button--small"
              data-testid="finding-evidence"
              onClick={() => onEvidence(f)}
            >
              Show evidence
            </button>
          </li>
        ))}
      </ul>
      <details className="findings__thresholds">
        <summary>Thresholds</summary>
        {THRESHOLD_FIELDS.map(([key, label]) => (
          <label key={key}>
            {label}
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
