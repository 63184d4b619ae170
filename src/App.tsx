import { ConversationPane } from './views/conversation/ConversationPane';
import { DropZone } from './views/drop-zone/DropZone';
import { FilterBar } from './views/explore/FilterBar';
import { OpenControls } from './views/drop-zone/OpenControls';
import { FileList } from './views/files/FileList';
import { LoadProgress } from './views/progress/LoadProgress';
import { LogTable } from './views/table/LogTable';

export function App() {
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
        <FilterBar />
        <main className="app-main">
          <LogTable />
          <ConversationPane />
        </main>
      </div>
    </DropZone>
  );
}
