/**
 * Whether decoded `[]byte` values (and RawExt data) are views into the input (the default: no
 * copy) or copies. The frame reader decodes out of a buffer it reuses, so it asks for copies for
 * the length of one decode; decodeMessage & co. return views unless `copyBytes` is set.
 */
let copy = false;

/** A bin payload as the current decode hands it out. */
export const binOut = (view: Uint8Array): Uint8Array => (copy ? view.slice() : view);

/** Sets the mode; returns the previous one (restore it in a `finally`). */
export function setCopyBins(on: boolean): boolean {
  const prev = copy;
  copy = on;
  return prev;
}
