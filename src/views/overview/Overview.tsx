import { lazy, Suspense, useLayoutEffect, type ReactNode } from 'react';
import { Outcome, OUTCOME_NAMES } from '../../model/log-index';
import type { RowFilter } from '../../query/view-query';
import type { ReportFilter } from '../../query/view-query';
import { setDeliveriesFilter, setFailedOnly } from '../../state/deliveries-store';
import { setFilter } from '../../state/explore-store';
import { useLoadSelector } from '../../state/load-store';
import { showTab } from '../../state/view-tabs';
import { markOverviewPainted } from '../../state/probe';
import { formatCount } from '../format';
import { Findings } from './Findings';
import './Overview.css';
import { useMessages } from '../../i18n/lang';

/** The chart library is loaded with the first chart, not with the page. */
const LinesChart = lazy(() => import('./LinesChart'));

const OUTCOMES = [
  Outcome.Ok,
  Outcome.Rejected,
  Outcome.AuthFailed,
  Outcome.RelayDenied,
  Outcome.Error,
] as const;

/** Shows the log table with this filter. */
function toLog(filter: RowFilter): void {
  setFilter(filter);
  showTab('log');
}

/** The deliveries by class, each a link to its entries. */
const DELIVERY_CLASSES = [
  { cls: 'delivered', show: () => toDeliveries({ codes: [0] }) },
  { cls: 'temporary', show: () => toDeliveries({ codes: [-7, -9] }) },
  {
    cls: 'failure',
    show: () => {
      setFailedOnly(true);
      showTab('deliveries');
    },
  },
] as const;

/** Shows a service's lines, of one stretch of time where given. */
const showServiceLines = (service: string, from?: number, to?: number) =>
  toLog({ services: [service], from, to });

/** Shows the deliveries with this filter. */
function toDeliveries(filter: ReportFilter): void {
  setDeliveriesFilter(filter);
  showTab('deliveries');
}

/** A peer label `host (ip)` filters by its IP; a bare one by itself. */
const peerOf = (label: string) => /\(([^()]+)\)$/.exec(label)?.[1] ?? label;

/** A number that is a link: a click shows the lines or entries it counts. */
function Count(props: { value: number; testKey: string; onClick: () => void; title: string }) {
  return (
    <button
      type="button"
      className="overview-count"
      data-testid="overview-count"
      data-key={props.testKey}
      data-value={props.value}
      title={props.title}
      onClick={props.onClick}
    >
      {formatCount(props.value)}
    </button>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <figure className="overview-card">
      <figcaption>{title}</figcaption>
      {children}
    </figure>
  );
}

/**
 * The first thing after a load: per service, sessions and how they ended; authentication failures
 * by user and by IP; relay denials; deliveries by result; the busiest peers; lines over time per
 * service. Every number is a link to the lines or entries it counts. The numbers are the engine's
 * summary, the same `npm run summary -- --json` prints.
 */
export function Overview() {
  const summary = useLoadSelector((s) => (s.status === 'ready' ? s.summary.summary : undefined));
  const m = useMessages();
  useLayoutEffect(() => {
    if (summary) markOverviewPainted();
  }, [summary]);
  if (!summary) return null;
  const services = Object.keys(summary.sessions);
  const { classes, entries } = summary.report;
  const rate = (n: number) => (entries === 0 ? '' : `${((100 * n) / entries).toFixed(1)} %`);
  return (
    <details className="overview" open data-testid="overview">
      <summary>{m.overview}</summary>
      <div className="overview__grid">
        <Card title={m.findings}>
          <Findings
            onEvidence={(f) => {
              if (f.log) toLog(f.log);
              else if (f.deliveries) toDeliveries(f.deliveries);
            }}
          />
        </Card>
        <Card title={m.sessionsAndOutcomes}>
          <table className="overview-table">
            <thead>
              <tr>
                <th>{m.service}</th>
                <th>{m.sessions}</th>
                {OUTCOMES.map((o) => (
                  <th key={o}>{m.outcome[OUTCOME_NAMES[o]]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {services.map((svc) => (
                <tr key={svc}>
                  <th>{svc}</th>
                  <td>
                    <Count
                      value={summary.sessions[svc]}
                      testKey={`sessions:${svc}`}
                      title={m.linkTitles.service(svc)}
                      onClick={() => toLog({ services: [svc] })}
                    />
                  </td>
                  {OUTCOMES.map((o) => {
                    const n = summary.outcomes[svc]?.[OUTCOME_NAMES[o]] ?? 0;
                    return (
                      <td key={o}>
                        {n > 0 ? (
                          <Count
                            value={n}
                            testKey={`outcome:${svc}:${OUTCOME_NAMES[o]}`}
                            title={m.linkTitles.outcome(svc, m.outcome[OUTCOME_NAMES[o]])}
                            onClick={() => toLog({ services: [svc], outcomes: [o] })}
                          />
                        ) : (
                          <span className="overview-zero">0</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title={m.deliveriesCard}>
          <table className="overview-table">
            <tbody>
              {DELIVERY_CLASSES.map(({ cls, show }) => (
                <tr key={cls}>
                  <th>{m[cls]}</th>
                  <td>
                    <Count
                      value={classes[cls]}
                      testKey={`deliveries:${cls}`}
                      title={m.linkTitles[cls]}
                      onClick={show}
                    />
                  </td>
                  <td className="overview-rate">{rate(classes[cls])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title={m.authByUser}>
          <RankList
            items={summary.authFailuresByUser.map((u) => ({ name: u.user, count: u.count }))}
            testKey="auth-user"
            onPick={(user) => toLog({ address: user, outcomes: [Outcome.AuthFailed] })}
          />
        </Card>
        <Card title={m.authByIp}>
          <RankList
            items={summary.authFailuresByIp.map((u) => ({ name: u.ip, count: u.count }))}
            testKey="auth-ip"
            onPick={(ip) => toLog({ peer: ip, outcomes: [Outcome.AuthFailed] })}
          />
        </Card>
        <Card title={m.relayByPeer}>
          <RankList
            items={summary.relayDenials.map((r) => ({ name: r.peer, count: r.count }))}
            testKey="relay"
            onPick={(peer) => toLog({ peer: peerOf(peer), outcomes: [Outcome.RelayDenied] })}
          />
        </Card>
        <Card title={m.busiestPeers}>
          <RankList
            items={summary.topPeers.map((p) => ({ name: `${p.service} ${p.peer}`, count: p.sessions }))}
            testKey="peer"
            onPick={(label) => {
              const [service, ...rest] = label.split(' ');
              toLog({ services: [service], peer: peerOf(rest.join(' ')) });
            }}
          />
        </Card>
        {summary.linesOverTime && (
          <Card title={m.linesOverTime}>
            <Suspense fallback={<div className="overview-chart-placeholder" data-testid="chart-loading" />}>
              <LinesChart lines={summary.linesOverTime} onService={showServiceLines} />
            </Suspense>
          </Card>
        )}
      </div>
    </details>
  );
}

function RankList(props: {
  items: Array<{ name: string; count: number }>;
  testKey: string;
  onPick: (name: string) => void;
}) {
  const m = useMessages();
  if (props.items.length === 0) return <p className="overview-none">{m.none}</p>;
  return (
    <ol className="overview-rank">
      {props.items.map((item) => (
        <li key={item.name}>
          <span className="overview-rank__name" title={item.name}>
            {item.name}
          </span>
          <Count
            value={item.count}
            testKey={`${props.testKey}:${item.name}`}
            title={m.linkTitles.item(item.name)}
            onClick={() => props.onPick(item.name)}
          />
        </li>
      ))}
    </ol>
  );
}
