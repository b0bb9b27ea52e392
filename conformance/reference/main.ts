/**
 * npm run reference [-- --json] [--no-run] [--only SUBSTRING]
 *
 * Real Packer in the loop (issue 12). Builds (cached) real Packer v1.12.0 and v1.16.0 from the Go
 * module proxy (conformance/scripts/build-packer.sh), the plugin builds
 * (conformance/scripts/build-plugins.sh, when plugins.json lacks one), the recording relay
 * (conformance/cmd/relay) and conformance/cmd/reference, which installs plugin builds behind the
 * relay in Packer's plugin layout and runs `packer build` for every case. Then:
 *   - choice: for every case, the protocol real Packer chose (the `start` arguments the relays
 *     saw) against chooseProtocol's answer for the same inputs (choice.ts);
 *   - sessions: every recorded session of the vector case sets against our host's replay
 *     (differential.ts; a placeholder that reports no match until it is wired).
 * Prints `{packer, choice: {cases, agree}, sessions: {total, matched}, differences}` with --json
 * (progress goes to stderr). Without Go: a `SKIPPED:` line and the object with empty counts.
 * --no-run reuses conformance/.work/reference/results.json.
 * Exit status: 0 when every case agrees, 1 otherwise, 2 on bad usage.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { goAvailable, repoRoot } from '../interop/plugins.js';
import { checkInternalComponents, judgeCase, type ReferenceCase } from './choice.js';
import { compareWithOurHost, testerSettings, type RecordedSession } from './differential.js';

interface Results {
  packer: string[];
  internalComponents: Record<string, Record<string, string[]>>;
  cases: ReferenceCase[];
  sessions: RecordedSession[];
  seconds: number;
}

export interface ReferenceSummary {
  packer: string[];
  choice: { cases: number; agree: number };
  sessions: { total: number; matched: number };
  differences: Array<{ kind: 'choice' | 'session' | 'internal-components' | 'run'; id: string; difference: string }>;
  skipped?: string;
  seconds: number;
}

/** Plugin builds cmd/reference installs (cases.go). */
const NEEDED_BUILDS = ['tester-sdk0.4.0', 'tester-sdk0.5.4', 'tester-sdk0.6.0', 'tester-sdk0.6.4', 'single-sdk0.5.4', 'docker-sdk0.6.6', 'qemu-sdk0.2.3'];

const conf = resolve(repoRoot, 'conformance');
const work = resolve(conf, '.work');

function run(cmd: string, args: string[], log: (l: string) => void, cwd = conf): void {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod -buildvcs=false' },
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (status ${r.status ?? r.signal})`);
  log(`[reference] ${cmd} ${args.join(' ')}: ${((Date.now() - t0) / 1000).toFixed(0)}s`);
}

function pluginsPresent(): boolean {
  const file = resolve(work, 'bin/plugins.json');
  if (!existsSync(file)) return false;
  try {
    const list = JSON.parse(readFileSync(file, 'utf8')) as Array<{ name: string; path: string }>;
    return NEEDED_BUILDS.every((n) => list.some((b) => b.name === n && existsSync(b.path)));
  } catch {
    return false;
  }
}

export async function runReference(opts: { run: boolean; only?: string; log: (l: string) => void }): Promise<ReferenceSummary> {
  const t0 = Date.now();
  const { log } = opts;
  const empty: ReferenceSummary = { packer: [], choice: { cases: 0, agree: 0 }, sessions: { total: 0, matched: 0 }, differences: [], seconds: 0 };
  const resultsFile = resolve(work, 'reference/results.json');
  if (opts.run) {
    if (!goAvailable()) {
      const why = 'Go not found: real Packer cannot be built';
      log(`SKIPPED: reference: ${why}`);
      return { ...empty, skipped: why };
    }
    run('bash', ['scripts/build-packer.sh'], log);
    if (!pluginsPresent()) run('bash', ['scripts/build-plugins.sh'], log);
    run('go', ['build', '-o', '.work/bin/relay', './cmd/relay'], log);
    run('go', ['build', '-o', '.work/bin/reference', './cmd/reference'], log);
    run(resolve(work, 'bin/reference'), opts.only ? ['-only', opts.only] : [], log);
  } else if (!existsSync(resultsFile)) {
    const why = `no ${resultsFile} (run without --no-run first)`;
    log(`SKIPPED: reference: ${why}`);
    return { ...empty, skipped: why };
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Results;
  const summary: ReferenceSummary = { ...empty, packer: results.packer };

  for (const d of checkInternalComponents(results.internalComponents))
    summary.differences.push({ kind: 'internal-components', id: 'codecs/protocol/internal-components.ts', difference: d });

  for (const c of results.cases) {
    const r = judgeCase(c);
    summary.choice.cases++;
    if (r.agree) summary.choice.agree++;
    else summary.differences.push({ kind: 'choice', id: r.id, difference: r.difference ?? 'disagree' });
    for (const p of c.problems ?? []) if (r.agree) summary.differences.push({ kind: 'run', id: c.id, difference: p });
  }

  const vectorSessions = results.sessions.filter((s) => s.vector);
  for (const s of vectorSessions) {
    summary.sessions.total++;
    const pluginEnv = testerSettings(results.cases.find((c) => c.id === s.case)?.env);
    const cmp = await compareWithOurHost(s, { workDir: resolve(work, 'reference'), pluginEnv });
    if (cmp.matched) summary.sessions.matched++;
    else for (const d of cmp.differences) summary.differences.push({ kind: 'session', id: s.id, difference: d });
  }
  summary.seconds = Math.round((Date.now() - t0) / 100) / 10;
  return summary;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let json = false;
  let runIt = true;
  let only: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--no-run') runIt = false;
    else if (a === '--only' && i + 1 < argv.length) only = argv[++i];
    else {
      process.stderr.write(`usage: npm run reference [-- --json] [--no-run] [--only SUBSTRING]\nunknown argument ${a}\n`);
      process.exit(2);
    }
  }
  const log = (l: string) => process.stderr.write(l + '\n');
  const s = await runReference({ run: runIt, ...(only !== undefined ? { only } : {}), log });
  if (json) {
    process.stdout.write(JSON.stringify(s) + '\n');
  } else {
    process.stdout.write(`reference: Packer ${s.packer.join(', ')}\n`);
    process.stdout.write(`  choice: ${s.choice.agree}/${s.choice.cases} cases agree with chooseProtocol\n`);
    process.stdout.write(`  sessions: ${s.sessions.matched}/${s.sessions.total} recorded sessions matched by our host\n`);
    const shown = new Map<string, number>();
    for (const d of s.differences) shown.set(`${d.kind}: ${d.difference}`, (shown.get(`${d.kind}: ${d.difference}`) ?? 0) + 1);
    for (const [d, n] of shown) process.stdout.write(`  difference (${n}x): ${d}\n`);
    process.stdout.write(`  ${s.seconds}s\n`);
  }
  process.exitCode = s.choice.agree === s.choice.cases && !s.differences.some((d) => d.kind !== 'session') ? 0 : 1;
}

await main();
