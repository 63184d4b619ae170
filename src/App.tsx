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
import { setLang, useLang, useMessages } from './i18n/lang';

export function App() {
  const tab = useViewTab();
  const m = useMessages();
  return (
    <DropZone>
      <div className="app">
        <header className="app-header">
          <h1 className="app-header__title">{m.appTitle}</h1>
          <OpenControls />
          <p className="app-header__privacy">
            <span className="app-header__lock" aria-hidden="true" />
            {m.privacy}
          </p>
          <LangToggle />
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

/** Switches the interface between English and Japanese; the choice is remembered. */
function LangToggle() {
  const lang = useLang();
  const m = useMessages();
  return (
    <button
      type="button"
      className="button button--small app-header__lang"
      data-testid="lang-toggle"
      lang={lang === 'ja' ? 'en' : 'ja'}
      title={m.switchLanguageTitle}
      onClick={() => setLang(lang === 'ja' ? 'en' : 'ja')}
    >
      {m.switchLanguage}
    </button>
  );
}
