/**
 * Turns a drop into a flat list of Files. Admins tend to drag the whole `logs` folder, so folders are
 * walked recursively through the (non-standard but universally shipped) entries API.
 */

/** Dot-files are OS litter (.DS_Store, ._foo from macOS copies), never logs. */
function isHidden(name: string): boolean {
  return name.startsWith('.');
}

function readBatch(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walkEntry(entry: FileSystemEntry, out: File[]): Promise<void> {
  if (isHidden(entry.name)) return;
  if (entry.isFile) {
    const file = await entryFile(entry as FileSystemFileEntry);
    // Keep the path inside the dropped folder: rotated logs in sibling folders often share a name.
    const path = entry.fullPath.replace(/^\//, '');
    out.push(
      path === file.name
        ? file
        : new File([file], path, { type: file.type, lastModified: file.lastModified }),
    );
    return;
  }
  if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries hands out at most ~100 entries per call: keep asking until it returns none.
    for (let batch = await readBatch(reader); batch.length > 0; batch = await readBatch(reader)) {
      for (const child of batch) await walkEntry(child, out);
    }
  }
}

function byName(a: File, b: File): number {
  return a.name.localeCompare(b.name, 'en', { numeric: true });
}

/**
 * Everything must be taken from the DataTransfer synchronously, inside the drop handler: the browser
 * empties it as soon as the event returns. Only the folder walk continues afterwards.
 */
export function collectDroppedFiles(dt: DataTransfer): Promise<File[]> {
  const files: File[] = [];
  const folders: FileSystemEntry[] = [];
  const items = Array.from(dt.items ?? []).filter((item) => item.kind === 'file');
  if (items.length === 0) return Promise.resolve(Array.from(dt.files));
  for (const item of items) {
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry?.isDirectory) {
      folders.push(entry);
      continue;
    }
    const file = item.getAsFile();
    if (file) files.push(file);
  }
  if (folders.length === 0) return Promise.resolve(files);
  return (async () => {
    const walked: File[] = [];
    for (const folder of folders) await walkEntry(folder, walked);
    return [...files, ...walked.sort(byName)];
  })();
}

/** True when a drag carries files (not text or a link dragged from another page). */
export function dragHasFiles(dt: DataTransfer | null): boolean {
  return dt !== null && Array.from(dt.types).includes('Files');
}
