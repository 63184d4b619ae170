import { lazy, Suspense, useDeferredValue, useEffect, useState } from 'react';
import { LINE_KIND_NAMES, LineKind } from '../../model/line-kind';
import { OUTCOME_NAMES } from '../../model/log-index';
import type { RowFilter } from '../../query/view-query';
import {
  isFiltering,
  openConversation,
  setFilter,
  updateFilter,
  useExplore,
} from '../../state/explore-store';
import { useLoadSelector } from '../../state/load-store';
import { formatCount } from '../format';
import { describeChips } from './filter-chips';
import { DebouncedInput, TimeInput } from './inputs';
import { isTyping } from '../keys';
import './FilterBar.css';
import { useMessages } from '../../i18n/lang';

/** The chart library is loaded with the first chart, not with the page. */
const Histogram = lazy(() => import('./Histogram'));

/** The log table's filters: a control for each part, the active ones as chips, and the counts. */
export function FilterBar() {
  useExploreKeys();
  const ready = useLoadSelector((s) => s.status === 'ready');
  const services = useLoadSelector((s) => (s.status === 'ready' ? s.summary.services : undefined));
  const levels = useLoadSelector((s) => (s.status === 'ready' ? s.summary.summary.files : undefined));
  const filter = useExplore((s) => s.filter);
  // The facets and the histogram (recharts, the page's heaviest render) yield to the table: the
  // rows of a new filter paint first, the counts beside the controls a moment later.
  const facets = useDeferredValue(useExplore((s) => s.facets));
  const error = useExplore((s) => s.error);
  const [regexMode, setRegexMode] = useState(false);
  const m = useMessages();
  if (!ready || !services) return null;
  const toggle = (
    list: readonly (string | number)[] | undefined,
    value: string | number,
    all: readonly (string | number)[],
  ) => {
    const current = list ?? all;
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    return next.length === all.length ? undefined : next;
  };
  const named = services.map((name, id) => ({ name, id })).filter((s) => s.name !== '');
  const kinds = Object.values(LineKind);
  const lowLevel = (below: number) =>
    levels?.some((f) => f.kind === 'service' && f.levels.some((l) => l < below));
  const wantsCommands = filter.kinds?.includes(LineKind.Command);
  const wantsReplies = filter.kinds?.includes(LineKind.Reply) || filter.errorsOnly;

  return (
    <section className="filter-bar" aria-label={m.aria.filters}>
      <div className="filter-bar__row">
        <DebouncedInput
          testId="text-filter"
          label={regexMode ? m.regex : m.text}
          placeholder={regexMode ? 'e.g. 55[0-4] .*relay' : m.searchLines}
          value={(regexMode ? filter.regex : filter.text) ?? ''}
          onCommit={(value) => updateFilter(regexMode ? { regex: value } : { text: value })}
          wide
        />
        <label className="filter-bar__check" title={m.regexTitle}>
          <input
            type="checkbox"
            data-testid="regex-toggle"
            checked={regexMode}
            onChange={(e) => {
              const current = regexMode ? filter.regex : filter.text;
              updateFilter(
                e.target.checked ? { regex: current, text: undefined } : { text: current, regex: undefined },
              );
              setRegexMode(e.target.checked);
            }}
          />
          .*
        </label>
        <DebouncedInput
          label={m.peer}
          placeholder={m.hostOrIp}
          value={filter.peer ?? ''}
          onCommit={(peer) => updateFilter({ peer })}
        />
        <DebouncedInput
          label={m.address}
          placeholder={m.addressPlaceholder}
          value={filter.address ?? ''}
          onCommit={(address) => updateFilter({ address })}
        />
        <label className="filter-bar__field">
          <span>{m.outcomeLabel}</span>
          <select
            data-testid="outcome-filter"
            value={filter.outcomes?.[0] ?? ''}
            onChange={(e) =>
              updateFilter({ outcomes: e.target.value === '' ? undefined : [Number(e.target.value)] })
            }
          >
            <option value="">{m.any}</option>
            {Object.entries(OUTCOME_NAMES).map(([value, name]) => (
              <option key={value} value={value}>
                {m.outcome[name]}
              </option>
            ))}
          </select>
        </label>
        <TimeInput
          label={m.from}
          value={filter.from}
          onCommit={(from) => updateFilter({ from })}
          testId="time-from"
        />
        <TimeInput label={m.to} value={filter.to} onCommit={(to) => updateFilter({ to })} testId="time-to" />
        <label className="filter-bar__check">
          <input
            type="checkbox"
            data-testid="errors-only"
            checked={filter.errorsOnly === true}
            onChange={(e) => updateFilter({ errorsOnly: e.target.checked || undefined })}
          />
          {m.errorsOnly}
        </label>
      </div>
      <div className="filter-bar__row filter-bar__facets">
        <span className="filter-bar__facet-label">{m.servicesLabel}</span>
        {named.map(({ name, id }) => (
          <FacetToggle
            key={name}
            testId={`service-${name}`}
            label={name}
            count={facets?.services[id]}
            on={!filter.services || filter.services.includes(name)}
            onClick={() =>
              updateFilter({
                services: toggle(
                  filter.services,
                  name,
                  named.map((s) => s.name),
                ) as string[] | undefined,
              })
            }
          />
        ))}
        <span className="filter-bar__facet-label">{m.kindsLabel}</span>
        {kinds.map((k) => (
          <FacetToggle
            key={k}
            testId={`kind-${LINE_KIND_NAMES[k].replace(' ', '-')}`}
            label={m.kindNames[LINE_KIND_NAMES[k]]}
            count={facets?.kinds[k]}
            on={!filter.kinds || filter.kinds.includes(k)}
            onClick={() => updateFilter({ kinds: toggle(filter.kinds, k, kinds) as number[] | undefined })}
          />
        ))}
      </div>
      {error && (
        <p className="filter-bar__error" role="alert" data-testid="filter-error">
          {error}
        </p>
      )}
      {((wantsCommands && lowLevel(2)) || (wantsReplies && lowLevel(3))) && (
        <p className="filter-bar__warning" data-testid="level-warning">
          {m.levelWarning(wantsReplies === true)}
        </p>
      )}
      <Chips filter={filter} />
      {/* Its height is kept while the counts or the chart library are on their way: the table
          below must not jump under the user's pointer when the chart arrives. */}
      <div className="histogram-slot">
        {facets?.bins && (
          <Suspense fallback={null}>
            <Histogram bins={facets.bins} label={m.aria.matchingOverTime} unit={m.linesWord} />
          </Suspense>
        )}
      </div>
    </section>
  );
}

function Chips({ filter }: { filter: RowFilter }) {
  const m = useMessages();
  if (!isFiltering(filter)) return null;
  return (
    <div className="filter-bar__chips" aria-label={m.aria.activeFilters}>
      {describeChips(filter, m).map((chip) => (
        <button
          key={chip.key}
          type="button"
          className="chip"
          data-testid="filter-chip"
          title={m.removeFilter}
          onClick={() => updateFilter(chip.remove)}
        >
          {chip.label} <span aria-hidden="true">×</span>
        </button>
      ))}
      <button
        type="button"
        className="button button--small"
        data-testid="clear-filters"
        onClick={() => setFilter({})}
      >
        {m.clearAll}
      </button>
    </div>
  );
}

function FacetToggle(props: {
  testId: string;
  label: string;
  count: number | undefined;
  on: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className={`facet ${props.on ? 'facet--on' : ''}`}
      aria-pressed={props.on}
      data-testid={props.testId}
      onClick={props.onClick}
    >
      {props.label}
      {props.count !== undefined && <span className="facet__count">{formatCount(props.count)}</span>}
    </button>
  );
}

/** A text input that commits after a pause in typing, or at once on Enter. */
/** `/` focuses the text filter; Esc closes the conversation pane (and leaves a field). */
function useExploreKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = isTyping(e.target);
      if (e.key === '/' && !typing) {
        const input = document.querySelector<HTMLInputElement>('[data-testid="text-filter"]');
        if (input) {
          e.preventDefault();
          input.focus();
          input.select();
        }
      } else if (e.key === 'Escape') {
        if (isTyping(e.target)) e.target.blur();
        else openConversation(null);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
