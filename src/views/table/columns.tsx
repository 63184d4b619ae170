import {
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  tableFeatures,
  type Column,
} from '@tanstack/react-table';
import { openConversation } from '../../state/explore-store';
import type { RowView } from '../../state/load-store';
import { useMessages } from '../../i18n/lang';

/** One line of a view's table: its position in the view and, once fetched, its content. */
export interface TableRow<R> {
  index: number;
  view: R | undefined;
}

export const viewTableFeatures = tableFeatures({
  columnSizingFeature,
  columnResizingFeature,
  columnVisibilityFeature,
});

type Helper<R> = ReturnType<typeof createColumnHelper<typeof viewTableFeatures, TableRow<R>>>;
/** The columns of a table over a view whose rows are R. */
export type ViewColumns<R> = ReturnType<Helper<R>['columns']>;

/**
 * Log text is hostile input and may be huge (a binary file read as text is one enormous "line").
 * Cells only need what fits on screen; the title holds more, still bounded.
 */
const MAX_CELL_CHARS = 2_000;
const MAX_TITLE_CHARS = 8_000;

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) + '…' : text;
}

const helper = createColumnHelper<typeof viewTableFeatures, TableRow<RowView>>();

/** A column's name in the interface's language. */
function ColumnName({ id }: { id: string }) {
  return <>{useMessages().columns[id] ?? id}</>;
}

// Cells render strings as React children: escaped text, never markup.
export const logColumns = helper.columns([
  helper.accessor((r) => r.view?.time ?? '', {
    id: 'time',
    header: () => <ColumnName id="time" />,
    size: 172,
  }),
  helper.accessor((r) => r.view?.service ?? '', {
    id: 'service',
    header: () => <ColumnName id="service" />,
    size: 64,
  }),
  helper.accessor((r) => r.view?.thread ?? '', {
    id: 'thread',
    header: () => <ColumnName id="thread" />,
    size: 96,
    cell: (info) => {
      const view = info.row.original.view;
      const thread = info.getValue();
      if (!view || view.session < 0) return thread;
      // Threads are reused: the link opens this row's own connection, not the thread's.
      return (
        <button
          type="button"
          className="thread-link"
          data-testid="thread-link"
          title="Show this connection as a conversation"
          onClick={() => openConversation(view.session, info.row.original.index)}
        >
          {thread || 'session'}
        </button>
      );
    },
  }),
  helper.accessor((r) => r.view?.kind ?? '', {
    id: 'kind',
    header: () => <ColumnName id="kind" />,
    size: 132,
    cell: (info) => {
      const kind = info.getValue();
      return kind ? <span className={`kind kind--${kind.split(' ')[0]}`}>{kind}</span> : null;
    },
  }),
  helper.accessor((r) => r.view?.text ?? '', {
    id: 'message',
    header: () => <ColumnName id="message" />,
    size: 240,
    cell: (info) => {
      const text = info.getValue();
      return (
        <span className="log-text" title={clip(text, MAX_TITLE_CHARS)}>
          {clip(text, MAX_CELL_CHARS)}
        </span>
      );
    },
  }),
  helper.accessor((r) => r.view?.file ?? '', {
    id: 'file',
    header: () => <ColumnName id="file" />,
    size: 170,
    cell: (info) => <span title={info.getValue()}>{info.getValue()}</span>,
  }),
]);

/** CSS grid columns from the table's sizes; the `fill` column takes the remaining width. */
export function gridTemplate<R>(
  columns: readonly Column<typeof viewTableFeatures, TableRow<R>>[],
  fill: string,
): string {
  return columns.map((c) => (c.id === fill ? `minmax(${c.getSize()}px, 1fr)` : `${c.getSize()}px`)).join(' ');
}
