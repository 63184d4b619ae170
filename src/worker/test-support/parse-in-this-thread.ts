import { blobSource, parseSlices } from '../../ingest/read-slices';
import type { ParseFile } from '../parser-client';

/** Stage one in the test's own thread: the Engine's tests run without nested workers. */
export const parseInThisThread: ParseFile = (file, sliceSize) => parseSlices(blobSource(file), sliceSize);
