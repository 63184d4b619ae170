import { createColumnHelper } from '@tanstack/react-table';
import { deliveryClass, describeReportCode } from '../../model/report-codes';
import type { ReportRowView, ReportSortKey } from '../../query/view-query';
import { cycleSort, openJourney, useDeliveries } from '../../state/deliveries-store';
import { useLang, useMessages } from '../../i18n/lang';
import type { Messages } from '../../i18n/messages';
import type { viewTableFeatures, TableRow } from '../table/columns';

const helper = createColumnHelper<typeof viewTableFeatures, TableRow<ReportRowView>>();

/** A column header that sorts the view in the engine: ascending, descending, the log's order. */
function SortHeader({ by }: { by: ReportSortKey }) {
  const sort = useDeliveries((s) => s.filter.sort);
  const label = useMessages().columns[by];
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

const sortable = (by: ReportSortKey, size: number) =>
  helper.accessor((r) => (r.view ? String(r.view[by]) : ''), {
    id: by,
    header: () => <SortHeader by={by} />,
    size,
  });

/** A column header in the interface's language. */
function Header({ name }: { name: keyof Messages['columns'] }) {
  return <>{useMessages().columns[name]}</>;
}

function TraceButton({ entry }: { entry: number }) {
  const m = useMessages();
  return (
    <button
      type="button"
      className="thread-link"
      data-testid="journey-link"
      title={m.traceTitle}
      onClick={() => openJourney(entry)}
    >
      {m.trace}
    </button>
  );
}

function ClassBadge({ cls }: { cls: string }) {
  const m = useMessages();
  return <span className={`delivery-class delivery-class--${cls}`}>{m.deliveryClass[cls]}</span>;
}

function Meaning({ code }: { code: number }) {
  const meaning = describeReportCode(code);
  // The vendor's Japanese first in Japanese, the English in English; the other in the title.
  return useLang() === 'ja' ? (
    <span title={meaning.en}>{meaning.ja}</span>
  ) : (
    <span title={meaning.ja}>{meaning.en}</span>
  );
}

// Cells render strings as React children: escaped text, never markup.
export const deliveryColumns = helper.columns([
  helper.display({
    id: 'journey',
    header: () => <Header name="journey" />,
    size: 72,
    cell: (info) => {
      const view = info.row.original.view;
      return view ? <TraceButton entry={view.entry} /> : null;
    },
  }),
  sortable('time', 160),
  sortable('sender', 220),
  sortable('recipient', 220),
  sortable('domain', 160),
  helper.accessor((r) => r.view?.code ?? 0, {
    id: 'code',
    header: () => <SortHeader by="code" />,
    size: 64,
    cell: (info) => (info.row.original.view ? info.getValue() : ''),
  }),
  helper.accessor((r) => (r.view ? describeReportCode(r.view.code).en : ''), {
    id: 'meaning',
    header: () => <Header name="meaning" />,
    size: 360,
    cell: (info) => {
      const view = info.row.original.view;
      return view ? <Meaning code={view.code} /> : null;
    },
  }),
  helper.accessor((r) => (r.view ? deliveryClass(r.view.code) : ''), {
    id: 'class',
    header: () => <Header name="class" />,
    size: 104,
    cell: (info) => {
      const cls = info.getValue();
      return cls ? <ClassBadge cls={cls} /> : null;
    },
  }),
]);
