import { useRef, useState, type ChangeEvent } from 'react';
import { loadFiles } from '../../state/load-store';
import { loadSample } from '../../state/sample';
import { useMessages } from '../../i18n/lang';

/** The header's ways in besides a drop: a file picker and the bundled sample. */
export function OpenControls() {
  const input = useRef<HTMLInputElement>(null);
  const [fetchingSample, setFetchingSample] = useState(false);

  const onPick = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    // Clear it so picking the same files again still fires a change event.
    e.target.value = '';
    if (files.length > 0) loadFiles(files);
  };

  const onSample = () => {
    setFetchingSample(true);
    void loadSample().finally(() => setFetchingSample(false));
  };

  const m = useMessages();
  return (
    <div className="open-controls">
      <button type="button" className="button button--primary" onClick={() => input.current?.click()}>
        {m.chooseFiles}
      </button>
      <input
        ref={input}
        className="open-controls__input"
        type="file"
        multiple
        data-testid="file-input"
        aria-label={m.chooseFilesLabel}
        tabIndex={-1}
        onChange={onPick}
      />
      <button
        type="button"
        className="button"
        data-testid="load-sample"
        disabled={fetchingSample}
        onClick={onSample}
      >
        {fetchingSample ? m.fetchingSample : m.loadSample}
      </button>
    </div>
  );
}
