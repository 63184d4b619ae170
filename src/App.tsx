import { ConversationPane } from './views/conversation/ConversationPane';
import { DeliveriesView } from './views/deliveries/DeliveriesView';
import { DropZone } from './views/drop-zone/DropZone';
import { FilterBar } from './views/explore/FilterBar';
import { OpenControls } from './views/drop-zone/OpenControls';
import { FileList } from './views/files/FileList';
import { Overview } from './views/overview/Overview';
import { LoadProgress } from './views/progress/LoadProgress';
import { LogTable } from './views/table/LogTable';
import { ViewTabs } from './views/ViewTabs';
import { useViewTab } from './state/view-tabs';

export function App() {
  const tab = useViewTab();
  return (
    <DropZone>
      <div className="app">
        <header className="app-header">
          <h1 className="app-header__title">PMail Log Viewer</h1>
          <OpenControls />
          <p className="app-header__privacy">
            <span className="app-header__lock" aria-hidden="true" />
            Runs entirely in this tab: your logs never leave the machine.
          </p>
        </header>
        <LoadProgress />
        <FileList />
        <Overview />
        <ViewTabs />
        {tab === 'log' ? (
          <>
            <FilterBar />
            <main className="app-main">
              <LogTable />
              <ConversationPane />
            </main>
          </>
        ) : (
          <DeliveriesView />
        )}
      </div>
    </DropZone>
  );
}
