/**
 * `packer-wire build FILE.json [--protocol auto|gob|protobuf]`
 *
 * Runs the build description FILE (host/build.ts, `BuildDescription`) with the live host and
 * prints the plugins' Ui output as Packer's TargetedUI does: `==> NAME: text` for Say (stdout),
 * `    NAME: text` for Message (stdout), `==> NAME: text` for Error (stderr), every line of a
 * multi-line text prefixed; post-processors print under `NAME (TYPE)`. Then Packer's summary:
 * `Build 'NAME' finished after …` and the artifacts (`--> NAME: STRING`), or `Build 'NAME' errored
 * after …: ERROR`. SIGINT cancels the build (every plugin process ends).
 *
 * Exit status: 0 the build succeeded, 1 it failed (or the description could not be read), 2 bad usage.
 */
import { readBuildDescription, runBuild, type BuildUiEvent } from '../host/build.js';
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
export function packerUiLine(e: BuildUiEvent): { stream: 'stdout' | 'stderr'; text: string } | null {
  switch (e.kind) {
    case 'say':
      return { stream: 'stdout', text: prefixLines(true, e.target, e.text) };
    case 'message':
      return { stream: 'stdout', text: prefixLines(false, e.target, e.text) };
    case 'error':
      return { stream: 'stderr', text: prefixLines(true, e.target, e.text) };
    default:
      return null;
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)} seconds`;

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
  const abort = new AbortController();
  const onSigint = () => {
    process.stderr.write('Cancelling build after receiving interrupt\n');
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  const t0 = performance.now();
  try {
    process.stdout.write(`${name}: output will be in this color.\n\n`);
    const r = await runBuild(d, {
      signal: abort.signal,
      onUi: (e) => {
        const l = packerUiLine(e);
        if (l) process[l.stream].write(l.text);
      },
    });
    const took = seconds(performance.now() - t0);
    if (r.error) {
      // The first line: a dead plugin's error carries its stderr tail (its log) after it.
      const why = oneLine(r.error);
      process.stderr.write(
        `Build '${name}' errored after ${took}: ${why}\n\n==> Some builds didn't complete successfully and had errors:\n--> ${name}: ${why}\n\n==> Builds finished but no artifacts were created.\n`,
      );
      return 1;
    }
    process.stdout.write(`Build '${name}' finished after ${took}.\n\n`);
    if (r.artifacts.length === 0) process.stdout.write('==> Builds finished but no artifacts were created.\n');
    else {
      process.stdout.write('==> Builds finished. The artifacts of successful builds are:\n');
      for (const a of r.artifacts) process.stdout.write(`--> ${name}: ${a.string}\n`);
    }
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
