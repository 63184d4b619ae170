import { exportShown, isFiltering, openConversation, selectRow, useExplore } from '../../state/explore-store';
import { markFirstRowsPainted, readLogRows, useLoadSelector, type RowView } from '../../state/load-store';
import { formatCount } from '../format';
import { logColumns } from './columns';
import { VirtualTable } from './VirtualTable';

const rowClassName = (row: RowView) => (row.kind === 'unparsed' ? 'log-row--unparsed' : '');
/** Enter on a row: its connection, if it belongs to one. */
const activate = (row: RowView, index: number) => {
  if (row.session >= 0) openConversation(row.session, index);
};
/** Characters of an expanded message shown at most: a 50 MB line stays readable and cheap. */
const EXPANDED_CHARS = 200_000;

/** A long message read in full: double-click its row. Text, never markup. */
const expandedText = (row: RowView) => (
  <pre className="log-table__expanded-text">
    {row.text.length > EXPANDED_CHARS
      ? `${row.text.slice(0, EXPANDED_CHARS)}… (${formatCount(row.text.length - EXPANDED_CHARS)} more characters: export the line to read it all)`
      : row.text}
  </pre>
);
const rowData = (row: RowView) => ({ 'data-line': row.line, 'data-file': row.file, 'data-row': row.row });
import './LogTable.css';
import { useMessages } from '../../i18n/lang';

/**
 * Chooses what fills the table area. It reads only the few primitives it needs from the store, so
 * progress ticks that do not change the row count do not re-render the table.
 */
export function LogTable() {
  const status = useLoadSelector((s) => s.status);
  const loadId = useLoadSelector((s) => s.loadId);
  const textRevision = useLoadSelector((s) => (s.status === 'ready' ? s.textRevision : 0));
  const rowCount = useLoadSelector((s) => (s.status === 'loading' || s.status === 'ready' ? s.rowCount : 0));
  const filtering = useExplore((s) => isFiltering(s.filter));
  const shown = useExplore((s) => s.shown);
  const filterVersion = useExplore((s) => s.version);
  const selectedIndex = useExplore((s) => s.selectedIndex);
  const total = status === 'ready' && filtering ? shown : rowCount;
  const m = useMessages();

  // While loading, the table is there before its first rows: mounting and measuring it then costs
  // the first rows nothing, instead of delaying them on a busy page.
  if (rowCount === 0 && status !== 'loading') return <EmptyTable status={status} />;
  // While loading, rows come in file order and grow; after 'done' the engine serves the merged timeline.
  const order = status === 'ready' ? 'timeline' : 'file';
  return (
    <section className="log-panel" aria-label={m.aria.log}>
      <div className="log-panel__bar">
        <span>
          {rowCount === 0
            ? m.reading
            : status === 'ready' && filtering
              ? m.rowsMatch(formatCount(total), formatCount(rowCount))
              : m.rows(formatCount(rowCount), status === 'loading')}
        </span>
        {status === 'ready' && <ExportButtons />}
        <span className="log-panel__order" data-testid="row-order" data-order={order}>
          {order === 'timeline' ? m.timelineOrder : m.fileOrder}
        </span>
      </div>
      {/* A new load remounts the table: scroll position and cached rows belong to the old one. */}
      <VirtualTable
        key={loadId}
        total={total}
        orderKey={`${loadId}:${order}:${textRevision}:${filterVersion}`}
        read={readLogRows}
        columns={logColumns}
        fillColumn="message"
        label="Log rows"
        rowTestId="log-row"
        rowClassName={rowClassName}
        rowData={rowData}
        selectedIndex={selectedIndex}
        onSelect={selectRow}
        onActivate={activate}
        renderExpanded={expandedText}
        onRowsPainted={markFirstRowsPainted}
      />
    </section>
  );
}

const EXPORTS = [
  { format: 'csv', label: 'exportCsv', title: 'exportCsvTitle' },
  { format: 'log', label: 'exportLog', title: 'exportLogTitle' },
] as const;

function ExportButtons() {
  const exporting = useExplore((s) => s.exporting);
  const m = useMessages();
  return (
    <span className="log-panel__exports">
      {EXPORTS.map(({ format, label, title }) => (
        <button
          key={format}
          type="button"
          className="button button--small"
          data-testid={`export-${format}`}
          disabled={exporting !== undefined}
          onClick={() => void exportShown(format)}
          title={m[title]}
        >
          {exporting === format ? m.exporting : m[label]}
        </button>
      ))}
    </span>
  );
}

function EmptyTable({ status }: { status: string }) {
  const m = useMessages();
  const message = status === 'ready' ? m.emptyReady : m.emptyIdle;
  return (
    <div className="log-empty" data-testid="log-empty">
      <p className="log-empty__message">{message}</p>
      {status !== 'loading' && status !== 'ready' && <p className="log-empty__hint">{m.emptyHint}</p>}
    </div>
  );
}
