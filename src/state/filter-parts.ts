/** Whether a filter part says anything: an empty text or an unticked box does not. */
export const isSet = (v: unknown) => v !== undefined && v !== '' && v !== false;

/** The filter without its parts that say nothing: what the engine is asked and the URL keeps. */
export function withoutEmptyParts<F extends object>(filter: F): F {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => isSet(v))) as F;
}
