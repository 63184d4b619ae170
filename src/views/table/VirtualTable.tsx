import { useTable } from '@tanstack/react-table';
import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
} from 'react';
import type { Column } from '@tanstack/react-table';
import { gridTemplate, viewTableFeatures, type TableRow, type ViewColumns } from './columns';
import { rowFromWindow, useRowWindow, type ReadWindow } from './use-row-window';
import { useVirtualScroll } from './use-virtual-scroll';
import { rowTop, visibleRange } from './virtual-scroll';
import { isTyping } from '../keys';
import { useMessages } from '../../i18n/lang';

/** Fixed on purpose: it is what makes ten-million-row scrolling O(1). Keep in step with LogTable.css. */
export const ROW_HEIGHT = 22;

interface Props<R> {
  /** The view's size. */
  total: number;
  /** Changes when the view's content or order changes (a new load, a new query): cached rows go. */
  orderKey: string;
  /** Reads a window of the view (the engine's query API, src/README.md). */
  read: ReadWindow<R>;
  columns: ViewColumns<R>;
  /** The column that takes the width left over. */
  fillColumn: string;
  label: string;
  /** `data-testid` of each rendered row. */
  rowTestId: string;
  rowClassName?: (row: R) => string;
  /** `data-*` attributes of each rendered row (tests and tools find rows by them). */
  rowData?: (row: R) => Record<`data-${string}`, string | number>;
  /** Called once real rows are on screen. */
  onRowsPainted?: () => void;
  /** The selected row's position: Up/Down and j/k move it, Enter activates it. */
  selectedIndex?: number;
  onSelect?: (index: number) => void;
  onActivate?: (row: R, index: number) => void;
  /** A row's whole content, shown over the rows below it when the row is double-clicked. */
  renderExpanded?: (row: R) => ReactNode;
}

/**
 * A virtualized table over one view: the log table and any other table are this component over
 * different views. The virtualizer lives here, in the lowest component: scrolling re-renders this
 * and nothing above. TanStack Table supplies the column model and cell rendering for the few rows
 * in view.
 */
export function VirtualTable<R>(props: Props<R>) {
  const {
    total,
    orderKey,
    read,
    columns,
    fillColumn,
    label,
    rowTestId,
    rowClassName,
    rowData,
    onRowsPainted,
    selectedIndex,
    onSelect,
    onActivate,
    renderExpanded,
  } = props;
  const [expanded, setExpanded] = useState<number | undefined>(undefined);
  const m = useMessages();
  const { scrollerRef, geometry, offset, onScroll, onKeyDown, reveal } = useVirtualScroll(total, ROW_HEIGHT);
  const { first, end } = visibleRange(geometry, offset);
  // One screen above and below: a short scroll is served from the cache without a round trip.
  const overscan = Math.max(20, end - first);
  const win = useRowWindow(read, orderKey, total, first, end, overscan);

  const data = useMemo(() => {
    const out: TableRow<R>[] = [];
    for (let i = first; i < end; i++) out.push({ index: i, view: rowFromWindow(win, orderKey, i) });
    return out;
  }, [first, end, win, orderKey]);

  const table = useTable({
    features: viewTableFeatures,
    columns,
    data,
    // Stable ids per position let React keep row elements while scrolling.
    getRowId: (r) => String(r.index),
    columnResizeMode: 'onChange',
  });

  useKeyboardSelection(
    total,
    selectedIndex,
    (i) => {
      onSelect?.(i);
      reveal(i);
    },
    () => {
      if (selectedIndex === undefined) return;
      const row = rowFromWindow(win, orderKey, selectedIndex);
      if (row !== undefined) onActivate?.(row, selectedIndex);
    },
  );

  const hasRealRows = data.some((r) => r.view !== undefined);
  useLayoutEffect(() => {
    if (hasRealRows) onRowsPainted?.();
  }, [hasRealRows, onRowsPainted]);

  const columnsStyle = {
    '--log-columns': gridTemplate(table.getVisibleLeafColumns(), fillColumn),
  } as CSSProperties;

  return (
    <div className="log-table" role="table" aria-label={label} aria-rowcount={total + 1} style={columnsStyle}>
      <ColumnChooser columns={table.getAllLeafColumns()} />
      <div className="log-table__head" role="rowgroup">
        {table.getHeaderGroups().map((group) => (
          <div key={group.id} className="log-row log-row--head" role="row" aria-rowindex={1}>
            {group.headers.map((header) => (
              <div key={header.id} className={`log-cell log-cell--${header.column.id}`} role="columnheader">
                <table.FlexRender header={header} />
                <span
                  className="log-table__resize"
                  aria-hidden="true"
                  title={m.dragToResize}
                  onMouseDown={header.getResizeHandler()}
                  onTouchStart={header.getResizeHandler()}
                />
              </div>
            ))}
          </div>
        ))}
      </div>
      <div
        ref={scrollerRef}
        className="log-table__scroller"
        role="rowgroup"
        tabIndex={0}
        aria-label={m.aria.scrollKeys(label)}
        data-testid="log-scroller"
        onScroll={onScroll}
        onKeyDown={onKeyDown}
      >
        <div className="log-table__spacer" style={{ height: geometry.spacerHeight }}>
          <div className="log-table__layer" style={{ height: geometry.viewport }}>
            {table.getRowModel().rows.map((row) => {
              const { index, view } = row.original;
              const selected = index === selectedIndex ? ' log-row--selected' : '';
              const className =
                view === undefined
                  ? 'log-row log-row--placeholder'
                  : `log-row ${rowClassName?.(view) ?? ''}${selected}`.trimEnd();
              return (
                <div
                  key={row.id}
                  className={className}
                  role="row"
                  aria-rowindex={index + 2}
                  data-testid={view ? rowTestId : 'log-row-placeholder'}
                  data-index={index}
                  onDoubleClick={
                    renderExpanded ? () => setExpanded(expanded === index ? undefined : index) : undefined
                  }
                  {...(view ? rowData?.(view) : undefined)}
                  style={{ transform: `translateY(${rowTop(geometry, index, offset)}px)` }}
                >
                  {row.getVisibleCells().map((cell) => (
                    <div key={cell.id} className={`log-cell log-cell--${cell.column.id}`} role="cell">
                      {view && <table.FlexRender cell={cell} />}
                    </div>
                  ))}
                </div>
              );
            })}
            {expanded !== undefined &&
              renderExpanded &&
              rowFromWindow(win, orderKey, expanded) !== undefined && (
                <div
                  className="log-table__expanded"
                  data-testid="expanded-row"
                  style={{ transform: `translateY(${rowTop(geometry, expanded, offset) + ROW_HEIGHT}px)` }}
                  onDoubleClick={() => setExpanded(undefined)}
                >
                  {renderExpanded(rowFromWindow(win, orderKey, expanded) as R)}
                </div>
              )}
          </div>
        </div>
      </div>
    </div>
  );
}

/** Up/Down and j/k move the selection over the view's rows; Enter activates the selected one. */
function useKeyboardSelection(
  total: number,
  selected: number | undefined,
  select: (index: number) => void,
  activate: () => void,
): void {
  const live = useRef({ total, selected, select, activate });
  useLayoutEffect(() => {
    live.current = { total, selected, select, activate };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const { total: n, selected: at, select: move, activate: open } = live.current;
      if (n === 0) return;
      if (e.key === 'ArrowDown' || e.key === 'j') move(at === undefined ? 0 : Math.min(n - 1, at + 1));
      else if (e.key === 'ArrowUp' || e.key === 'k') move(at === undefined ? 0 : Math.max(0, at - 1));
      else if (e.key === 'Enter') open();
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

/** Shows or hides columns: a user who never reads the file column gives its width to the message. */
function ColumnChooser<R>({ columns }: { columns: Column<typeof viewTableFeatures, TableRow<R>>[] }) {
  const m = useMessages();
  return (
    <details className="log-table__columns">
      <summary data-testid="column-chooser">{m.columnChooser}</summary>
      {columns.map((c) => (
        <label key={c.id}>
          <input
            type="checkbox"
            data-testid={`column-${c.id}`}
            checked={c.getIsVisible()}
            onChange={c.getToggleVisibilityHandler()}
          />
          {m.columns[c.id] ?? c.id}
        </label>
      ))}
    </details>
  );
}
