import { createColumnHelper } from '@tanstack/react-table';
import { deliveryClass, describeReportCode } from '../../model/report-codes';
import type { ReportRowView, ReportSortKey } from '../../query/view-query';
import { cycleSort, openJourney, useDeliveries } from '../../state/deliveries-store';
import type { viewTableFeatures, TableRow } from '../table/columns';

const helper = createColumnHelper<typeof viewTableFeatures, TableRow<ReportRowView>>();

/** A column header that sorts the view in the engine: ascending, descending, the log's order. */
function SortHeader({ by, label }: { by: ReportSortKey; label: string }) {
  const sort = useDeliveries((s) => s.filter.sort);
  const active = sort?.by === by;
  const arrow = active ? (sort.descending ? ' ▼' : ' ▲') : '';
  return (
    <button
      type="button"
      className="sort-header"
      data-testid={`sort-${by}`}
      aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
      onClick={() => cycleSort(by)}
    >
      {label}
      {arrow}
    </button>
  );
}

const sortable = (by: ReportSortKey, label: string, size: number) =>
  helper.accessor((r) => (r.view ? String(r.view[by]) : ''), {
    id: by,
    header: () => <SortHeader by={by} label={label} />,
    size,
  });

// Cells render strings as React children: escaped text, never markup.
export const deliveryColumns = helper.columns([
  helper.display({
    id: 'journey',
    header: 'Journey',
    size: 72,
    cell: (info) => {
      const view = info.row.original.view;
      if (!view) return null;
      return (
        <button
          type="button"
          className="thread-link"
          data-testid="journey-link"
          title="How this message went through the server"
          onClick={() => openJourney(view.entry)}
        >
          trace
        </button>
      );
    },
  }),
  sortable('time', 'Time', 160),
  sortable('sender', 'Sender', 220),
  sortable('recipient', 'Recipient', 220),
  sortable('domain', 'Recipient domain', 160),
  helper.accessor((r) => r.view?.code ?? 0, {
    id: 'code',
    header: () => <SortHeader by="code" label="Code" />,
    size: 64,
    cell: (info) => (info.row.original.view ? info.getValue() : ''),
  }),
  helper.accessor((r) => (r.view ? describeReportCode(r.view.code).ja : ''), {
    id: 'meaning-ja',
    header: '意味',
    size: 300,
  }),
  helper.accessor((r) => (r.view ? describeReportCode(r.view.code).en : ''), {
    id: 'meaning-en',
    header: 'Meaning',
    size: 260,
  }),
  helper.accessor((r) => (r.view ? deliveryClass(r.view.code) : ''), {
    id: 'class',
    header: 'Class',
    size: 104,
    cell: (info) => {
      const cls = info.getValue();
      return cls ? <span className={`delivery-class delivery-class--${cls}`}>{cls}</span> : null;
    },
  }),
]);
