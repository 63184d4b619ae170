import { useDeliveries } from '../state/deliveries-store';
import { useLoadSelector } from '../state/load-store';
import { showTab, useViewTab, type ViewTab } from '../state/view-tabs';
import { formatCount } from './format';
import { useMessages } from '../i18n/lang';

/** Switches the page below the overview between the log table and the deliveries. */
export function ViewTabs() {
  const ready = useLoadSelector((s) => s.status === 'ready');
  const entries = useLoadSelector((s) => (s.status === 'ready' ? s.summary.summary.report.entries : 0));
  const tab = useViewTab();
  const failedOnly = useDeliveries((s) => s.filter.failedOnly ?? false);
  const m = useMessages();
  if (!ready) return null;
  const tabs: Array<[ViewTab, string]> = [
    ['log', m.tabLog],
    ['deliveries', m.tabDeliveries(formatCount(entries), failedOnly)],
  ];
  return (
    <nav className="view-tabs" role="tablist" aria-label={m.aria.views}>
      {tabs.map(([id, label]) => (
        <button
          key={id}
          type="button"
          role="tab"
          aria-selected={tab === id}
          className="view-tabs__tab"
          data-testid={`tab-${id}`}
          onClick={() => showTab(id)}
        >
          {label}
        </button>
      ))}
    </nav>
  );
}
