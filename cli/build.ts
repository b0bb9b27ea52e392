/**
 * `packer-wire build FILE.json [--protocol auto|gob|protobuf]`
 *
 * Runs the build description FILE (host/build.ts, `BuildDescription`) with the live host and
 * prints what `packer build -color=false` (Packer v1.16.0, recorded) prints for one build, all on
 * stdout (Packer's Ui writes errors to stdout too): the plugins' Ui as Packer's TargetedUI does
 * (`==> NAME: text` for Say and Error, `    NAME: text` for Message, every line of a multi-line
 * text prefixed; post-processors under `NAME (TYPE)`), then the summary:
 *
 *   Build 'NAME' finished after DURATION.            | Build 'NAME' errored after DURATION: ERROR
 *                                                    |
 *   ==> Wait completed after DURATION                | ==> Wait completed after DURATION
 *                                                    |
 *   ==> Builds finished. The artifacts of successful | ==> Some builds didn't complete successfully and had errors:
 *   builds are:                                      | --> NAME: ERROR
 *   --> NAME: ARTIFACT STRING (one line each)        |
 *                                                    | ==> Builds finished but no artifacts were created.
 *
 * DURATION as Go's durafmt `LimitFirstN(2)` prints it (`4 seconds 16 milliseconds`).
 * SIGINT or SIGTERM, as Packer's: the first prints `Cancelling build after receiving interrupt`
 * (`terminated`) and cancels the build (Builder.Cancel, which reaches the running provisioner
 * through the builder's Hook.Cancel), then waits for the plugins to finish their cleanup; later
 * ones are ignored. A cancelled run ends with `Build 'NAME' errored after …`, `==> Wait completed
 * after …` and `Cleanly cancelled builds after being interrupted.`, exit status 1. Every plugin
 * process has ended by then.
 *
 * Exit status: 0 the build succeeded, 1 it failed or was cancelled (or the description could not be
 * read), 2 bad usage.
 */
import { HostError } from '../host/errors.js';
import { buildErrorText, readBuildDescription, runBuild, type BuildUiEvent } from '../host/build.js';
import { protocolOption } from './describe.js';
import { UsageError, oneLine } from './errors.js';

function prefixLines(arrow: boolean, target: string, text: string): string {
  const head = arrow ? '==>' : '   ';
  return (
    text
      .split('\n')
      .map((l) => `${head} ${target}: ${l}`)
      .join('\n')
      .trimEnd() + '\n'
  );
}

/** One Ui call as Packer prints it (Machine is not printed without -machine-readable). */
export function packerUiLine(e: BuildUiEvent): string | null {
  switch (e.kind) {
    case 'say':
    case 'error':
      return prefixLines(true, e.target, e.text);
    case 'message':
      return prefixLines(false, e.target, e.text);
    default:
      return null;
  }
}

const DURAFMT_UNITS: ReadonlyArray<readonly [string, bigint]> = [
  ['years', 365n * 24n * 3600n * 1_000_000n],
  ['weeks', 7n * 24n * 3600n * 1_000_000n],
  ['days', 24n * 3600n * 1_000_000n],
  ['hours', 3600n * 1_000_000n],
  ['minutes', 60n * 1_000_000n],
  ['seconds', 1_000_000n],
  ['milliseconds', 1000n],
  ['microseconds', 1n],
];

/**
 * A duration as Packer prints a build's (Go's `durafmt.Parse(d).LimitFirstN(2)`): whole
 * microseconds split into years … microseconds, zero units left out, `1 second` in the singular,
 * the first two units kept.
 */
export function packerDuration(ms: number): string {
  let left = BigInt(Math.max(0, Math.floor(ms * 1000)));
  const parts: string[] = [];
  for (const [unit, size] of DURAFMT_UNITS) {
    const v = left / size;
    left -= v * size;
    if (v === 1n) parts.push(`1 ${unit.slice(0, -1)}`);
    else if (v > 1n) parts.push(`${v} ${unit}`);
  }
  return parts.slice(0, 2).join(' ');
}

/** What Packer's signal handler prints for a signal (Go's os.Signal names). */
const SIGNAL_TEXT: Record<string, string> = { SIGINT: 'interrupt', SIGTERM: 'terminated' };

export async function buildMain(argv: string[]): Promise<number> {
  let file: string | undefined;
  let protocol: 'auto' | 'gob' | 'protobuf' = 'auto';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--protocol' || a.startsWith('--protocol=')) {
      const o = protocolOption(a === '--protocol' ? argv[++i] : a.slice('--protocol='.length));
      if (o.error !== undefined) throw new UsageError(o.error);
      protocol = o.protocol;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else if (file === undefined) file = a;
    else throw new UsageError(`unexpected argument ${a}`);
  }
  if (!file) throw new UsageError('missing build description FILE.json');
  let d;
  try {
    d = readBuildDescription(file);
  } catch (e) {
    process.stderr.write(`packer-wire: cannot read ${file}: ${oneLine(e)}\n`);
    return 1;
  }
  if (protocol !== 'auto') d.protocol = protocol;
  const name = d.name ?? 'build';
  const out = (text: string) => process.stdout.write(text);
  const abort = new AbortController();
  // Packer's handleTermInterrupt: the first signal cancels, later ones are swallowed.
  const onSignal = (sig: NodeJS.Signals) => {
    if (abort.signal.aborted) return;
    out(`Cancelling build after receiving ${SIGNAL_TEXT[sig] ?? sig}\n`);
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const t0 = performance.now();
  try {
    const r = await runBuild(d, {
      signal: abort.signal,
      onUi: (e) => {
        const l = packerUiLine(e);
        if (l) out(l);
      },
    });
    const took = packerDuration(performance.now() - t0);
    // A dead plugin's error carries its stderr tail (its log) after the first line.
    const why = r.error ? (r.error instanceof HostError && r.error.code === 'exited' ? oneLine(r.error) : buildErrorText(r.error)) : '';
    out(r.error ? `Build '${name}' errored after ${took}: ${why}\n` : `Build '${name}' finished after ${took}.\n`);
    out(`\n==> Wait completed after ${packerDuration(performance.now() - t0)}\n`);
    if (abort.signal.aborted) {
      out('Cleanly cancelled builds after being interrupted.\n');
      return 1;
    }
    if (r.error) out(`\n==> Some builds didn't complete successfully and had errors:\n--> ${name}: ${why}\n`);
    if (!r.error && r.artifacts.length) {
      out('\n==> Builds finished. The artifacts of successful builds are:\n');
      for (const a of r.artifacts) out(`--> ${name}: ${a.string}\n`);
    } else out('\n==> Builds finished but no artifacts were created.\n');
    return r.error ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
