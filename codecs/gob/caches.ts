/**
 * The gob codec keeps program-wide caches (compiled decoders, type definitions and interface
 * names by their bytes, nested cty.Type streams both ways). Each registers here how to empty
 * itself, so that tests can compare a cold run with a warm one; nothing else needs to clear them.
 */
const clearers: (() => void)[] = [];

export function onClearCaches(clear: () => void): void {
  clearers.push(clear);
}

/** Empties every gob cache (the program then behaves as if freshly started). */
export function clearGobCaches(): void {
  for (const c of clearers) c();
}
