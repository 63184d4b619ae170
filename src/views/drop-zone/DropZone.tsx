import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useMessages } from '../../i18n/lang';
import { failLoad, loadFiles } from '../../state/load-store';
import { collectDroppedFiles, dragHasFiles } from './collect-files';
import './DropZone.css';

/** Wraps the whole page: files or a folder dropped anywhere are loaded. */
export function DropZone({ children }: { children: ReactNode }) {
  const m = useMessages();
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed; count them to know when the drag really left.
  const depth = useRef(0);

  useEffect(() => {
    // A drop that misses the zone (or lands while a dialog is open) would make the browser navigate
    // to the file and lose everything loaded: refuse it at the window.
    const guard = (e: globalThis.DragEvent) => {
      if (dragHasFiles(e.dataTransfer)) e.preventDefault();
    };
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    return () => {
      window.removeEventListener('dragover', guard);
      window.removeEventListener('drop', guard);
    };
  }, []);

  const onDragEnter = (e: DragEvent) => {
    if (!dragHasFiles(e.dataTransfer)) return;
    e.preventDefault();
    depth.current++;
    setDragging(true);
  };
  const onDragOver = (e: DragEvent) => {
    if (!dragHasFiles(e.dataTransfer)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };
  const onDragLeave = () => {
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setDragging(false);
  };
  const onDrop = (e: DragEvent) => {
    depth.current = 0;
    setDragging(false);
    if (!dragHasFiles(e.dataTransfer)) return;
    e.preventDefault();
    collectDroppedFiles(e.dataTransfer).then(loadFiles, (err: unknown) =>
      failLoad({ code: 'folder-unreadable', detail: err instanceof Error ? err.message : String(err) }),
    );
  };

  return (
    <div
      className="drop-zone"
      data-testid="drop-zone"
      data-dragging={dragging || undefined}
      onDragEnter={onDragEnter}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      {children}
      {dragging && (
        <div className="drop-zone__overlay" aria-hidden="true">
          <div className="drop-zone__message">{m.dropHere}</div>
        </div>
      )}
    </div>
  );
}
