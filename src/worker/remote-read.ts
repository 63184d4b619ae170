import type { SliceSource } from '../ingest/read-slices';
import type { FromReader, ToReader } from './protocol';

type Post = (msg: FromReader, transfer: Transferable[]) => void;

/**
 * The reader worker's logic: reads the slices it is asked for, each handed back (transferred) as
 * soon as it is in.
 *
 * Why a worker only for reading: Chromium fills a `Blob.arrayBuffer()` through a data pipe that
 * the reading thread must drain in tasks of its own. In a thread busy indexing, the pipe fills and
 * the browser stops sending until the thread is free again, so reading stalled whenever the engine
 * worked. This thread is never busy, so reads run at the disk's pace beside the two stages.
 */
export function serveReads(post: Post): (e: MessageEvent<ToReader>) => void {
  return (e) => {
    const { id, file, start, end } = e.data;
    file
      .slice(start, end)
      .arrayBuffer()
      .then(
        (buffer) => post({ type: 'slice', id, buffer }, [buffer]),
        (err: unknown) =>
          post({ type: 'error', id, message: err instanceof Error ? err.message : String(err) }, []),
      );
  };
}

/** Reads files through a reader worker: `sourceOf(file)` is a {@link SliceSource} like `blobSource`. */
export function remoteReader(createWorker: () => Worker): (file: File) => SliceSource {
  // Started with the engine, so the first drop does not wait for it to boot.
  const w = createWorker();
  let nextId = 0;
  const pending = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();
  w.onmessage = (e: MessageEvent<FromReader>) => {
    const msg = e.data;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.type === 'slice') p.resolve(new Uint8Array(msg.buffer));
    else p.reject(new Error(msg.message));
  };
  w.onerror = (e) => {
    for (const p of pending.values()) p.reject(new Error(`the reader crashed: ${e.message}`));
    pending.clear();
  };
  return (file) => ({
    name: file.name,
    size: file.size,
    read: (start, end) =>
      new Promise<Uint8Array>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        const msg: ToReader = { id, file, start, end };
        w.postMessage(msg);
      }),
  });
}
