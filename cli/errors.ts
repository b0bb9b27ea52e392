/** How the command line reports a failure: one line, never a stack trace. */

/** A command-line usage mistake (exit status 2). */
export class UsageError extends Error {}

/** The first line of an error's message (or of whatever was thrown). */
export function oneLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const first = msg.split('\n', 1)[0]!.trim();
  return first === '' ? (e instanceof Error ? e.name : 'error') : first;
}
