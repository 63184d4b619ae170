import { lazy, Suspense, useDeferredValue } from 'react';
import type { ReportRowView } from '../../query/view-query';
import {
  getDeliveriesState,
  readDeliveries,
  setDeliveriesFilter,
  setFailedOnly,
  updateDeliveriesFilter,
  useDeliveries,
} from '../../state/deliveries-store';
import { useLoadSelector } from '../../state/load-store';
import { DebouncedInput, TimeInput } from '../explore/inputs';
import { formatCount, formatDuration } from '../format';
import { VirtualTable } from '../table/VirtualTable';
import { deliveryColumns } from './columns';
import { JourneyPane } from './JourneyPane';
import './DeliveriesView.css';
import { useMessages } from '../../i18n/lang';

/** The chart library is loaded with the first chart, not with the page. */
const DeliveryCharts = lazy(() => import('./DeliveryCharts'));

const rowData = (row: ReportRowView) => ({ 'data-entry': row.entry, 'data-code': row.code });

/** A click on a code's bar keeps that code; a second click on it shows every code again. */
function toggleCode(code: number): void {
  const codes = getDeliveriesState().filter.codes;
  updateDeliveriesFilter({ codes: codes?.length === 1 && codes[0] === code ? undefined : [code] });
}

const setRange = (from: number, to: number) => updateDeliveriesFilter({ from, to });

/**
 * The MTA report log as its own table: every delivery with its code, what the code means in the
 * vendor's words and in English, and its class; charts of the results by code and over time; the
 * domains and senders that fail most. Filters, sorting and counting run in the engine.
 */
export function DeliveriesView() {
  const loadId = useLoadSelector((s) => s.loadId);
  const entries = useLoadSelector((s) => (s.status === 'ready' ? s.summary.summary.report.entries : 0));
  const filter = useDeliveries((s) => s.filter);
  const version = useDeliveries((s) => s.version);
  const shown = useDeliveries((s) => s.shown);
  const done = useDeliveries((s) => s.done);
  const queryMs = useDeliveries((s) => s.queryMs);
  const deliveries = useDeferredValue(useDeliveries((s) => s.deliveries));
  const m = useMessages();
  // The charts redraw behind the table: a click on a bar shows its entries first.
  const chartCodes = useDeferredValue(filter.codes);
  const filtering = Object.keys(filter).some((k) => k !== 'sort');

  return (
    <section className="deliveries" aria-label={m.aria.deliveries}>
      <div className="deliveries__bar">
        <label className="deliveries__toggle">
          <input
            type="checkbox"
            data-testid="failed-only"
            checked={filter.failedOnly ?? false}
            onChange={(e) => setFailedOnly(e.target.checked)}
          />
          {m.failedOnly}
        </label>
        <DebouncedInput
          label={m.text}
          placeholder={m.searchReport}
          value={filter.text ?? ''}
          onCommit={(text) => updateDeliveriesFilter({ text })}
          testId="report-text"
        />
        <DebouncedInput
          label={m.address}
          placeholder={m.senderOrRecipient}
          value={filter.address ?? ''}
          onCommit={(address) => updateDeliveriesFilter({ address })}
          testId="report-address"
        />
        <TimeInput
          label={m.from}
          value={filter.from}
          onCommit={(from) => updateDeliveriesFilter({ from })}
          testId="report-from"
        />
        <TimeInput
          label={m.before}
          value={filter.to}
          onCommit={(to) => updateDeliveriesFilter({ to })}
          testId="report-to"
        />
        {filter.codes && (
          <button
            type="button"
            className="chip"
            data-testid="report-code-chip"
            onClick={() => updateDeliveriesFilter({ codes: undefined })}
          >
            {m.codeChip(filter.codes.join(', '))} ×
          </button>
        )}
        {filtering && (
          <button
            type="button"
            className="button button--small"
            onClick={() => setDeliveriesFilter({ sort: filter.sort })}
          >
            {m.clearAll}
          </button>
        )}
        <strong className="deliveries__count" data-testid="report-count" data-shown={shown} data-done={done}>
          {m.deliveriesOf(formatCount(shown), formatCount(entries))}
          {!done && m.counting}
        </strong>
        {done && queryMs !== undefined && <span className="deliveries__time">{formatDuration(queryMs)}</span>}
      </div>
      <div className="deliveries__charts" data-testid="delivery-charts">
        {deliveries && (
          <Suspense fallback={<div className="deliveries__charts-placeholder" data-testid="chart-loading" />}>
            <DeliveryCharts
              byCodeCaption={m.resultsByCode}
              overTimeCaption={m.resultsOverTime}
              classNames={m.deliveryClass}
              deliveries={deliveries}
              codes={chartCodes}
              onCode={toggleCode}
              onRange={setRange}
            />
          </Suspense>
        )}
        {deliveries && (
          <div className="deliveries__tops">
            <TopList
              title={m.topDomains}
              items={deliveries.topDomains}
              onPick={(name) => updateDeliveriesFilter({ address: `@${name}` })}
              testId="top-domain"
            />
            <TopList
              title={m.topSenders}
              items={deliveries.topSenders}
              onPick={(name) => updateDeliveriesFilter({ address: name })}
              testId="top-sender"
            />
          </div>
        )}
      </div>
      <div className="deliveries__table">
        <VirtualTable
          key={loadId}
          total={shown}
          orderKey={`${loadId}:${version}`}
          read={readDeliveries}
          columns={deliveryColumns}
          fillColumn="meaning"
          label="Deliveries"
          rowTestId="report-row"
          rowData={rowData}
        />
        <JourneyPane />
      </div>
    </section>
  );
}

function TopList(props: {
  title: string;
  items: Array<{ name: string; failures: number }>;
  onPick: (name: string) => void;
  testId: string;
}) {
  const max = Math.max(1, ...props.items.map((i) => i.failures));
  const m = useMessages();
  return (
    <figure className="top-list">
      <figcaption>{props.title}</figcaption>
      {props.items.length === 0 ? (
        <p className="top-list__none">{m.none}</p>
      ) : (
        <ol>
          {props.items.map((item) => (
            <li key={item.name}>
              <button
                type="button"
                data-testid={props.testId}
                onClick={() => props.onPick(item.name)}
                title={item.name}
              >
                <span className="top-list__bar" style={{ width: `${(100 * item.failures) / max}%` }} />
                <span className="top-list__name">{item.name}</span>
                <span className="top-list__count">{formatCount(item.failures)}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </figure>
  );
}
