/**
 * npm run interop [-- --json] [--only SUBSTRING] [--concurrency N]
 *
 * Live sessions between our TypeScript host (host/) and the real plugin binaries listed in
 * conformance/.work/bin/plugins.json (tester at several SDK versions, published plugins at
 * their own and raised SDKs), in gob mode and, for plugins reporting protocol v2, protobuf mode;
 * every session is checked against the Go harness's vectors and transcripts (sessions.ts).
 * When the binaries are absent and Go is installed they are built first; without Go the run is
 * skipped, loudly. Then whole builds through the build API (builds.ts). Prints
 * `{sessions, passed, failed, byProtocol, failures, builds}` with --json.
 * Exit status: 0 when nothing failed, 1 otherwise, 2 on bad usage.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDescribe } from '../../host/process.js';
import { describedComponents, killAllPlugins } from '../../host/index.js';
import { ensurePlugins, type PluginBuild } from './plugins.js';
import { VectorIndex } from './vectors.js';
import { planSessions, runSession, type SessionPlan, type SessionResult } from './sessions.js';
import { runBuilds, type BuildsSummary } from './builds.js';

export interface InteropSummary {
  sessions: number;
  passed: number;
  failed: number;
  checks: number;
  plugins: number;
  byProtocol: Record<'gob' | 'protobuf', { sessions: number; passed: number; failed: number }>;
  failures: Array<{ session: string; failures: string[] }>;
  /** Sessions run again after a Go panic inside the plugin (SDK v0.6.x's ToProto; see sessions.ts). */
  retried: Array<{ session: string; retries: number }>;
  /** Whole builds through the build API (builds.ts); left out with --only. */
  builds?: BuildsSummary;
  skipped?: string;
  ms: number;
}

export interface InteropOptions {
  only?: string;
  /** Build missing plugin binaries when Go is installed (default true). */
  build?: boolean;
  concurrency?: number;
  log?: (line: string) => void;
  onResult?: (r: SessionResult) => void;
}

async function pool<T, R>(items: readonly T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

export async function runInterop(options: InteropOptions = {}): Promise<InteropSummary> {
  const t0 = Date.now();
  const log = options.log ?? ((l: string) => process.stderr.write(l + '\n'));
  const empty = (): InteropSummary => ({
    sessions: 0,
    passed: 0,
    failed: 0,
    checks: 0,
    plugins: 0,
    byProtocol: { gob: { sessions: 0, passed: 0, failed: 0 }, protobuf: { sessions: 0, passed: 0, failed: 0 } },
    failures: [],
    retried: [],
    ms: 0,
  });
  const got = ensurePlugins(log, options.build ?? true);
  if ('skipped' in got) {
    log(`SKIPPED: interop: ${got.skipped}`);
    return { ...empty(), skipped: got.skipped, ms: Date.now() - t0 };
  }
  const index = new VectorIndex();
  const builds: PluginBuild[] = got.builds.filter((b) => !options.only || b.name.includes(options.only));
  const plans: SessionPlan[] = [];
  for (const b of builds) {
    try {
      const { description } = await runDescribe(b.path);
      plans.push(...planSessions(b, describedComponents(description), index));
    } catch (e) {
      plans.push({
        id: `${b.name} describe`,
        build: b,
        mode: 'gob',
        kind: 'builder',
        component: '',
        label: 'describe',
        planError: `describe: ${(e as Error).message}`,
      });
    }
  }
  const results = await pool(plans, options.concurrency ?? 6, async (p) => {
    const r = await runSession(p, index);
    options.onResult?.(r);
    return r;
  });
  const s = empty();
  s.plugins = builds.length;
  for (const r of results) {
    s.sessions++;
    s.checks += r.checks;
    if (r.retries) s.retried.push({ session: r.id, retries: r.retries });
    const bp = s.byProtocol[r.mode];
    bp.sessions++;
    if (r.passed) {
      s.passed++;
      bp.passed++;
    } else {
      s.failed++;
      bp.failed++;
      s.failures.push({ session: r.id, failures: r.failures });
    }
  }
  if (!options.only) s.builds = await runBuilds(got.builds, log);
  s.ms = Date.now() - t0;
  return s;
}

export async function main(argv: string[]): Promise<number> {
  let json = false;
  const opts: InteropOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--only') opts.only = argv[++i] ?? '';
    else if (a === '--concurrency') opts.concurrency = Math.max(1, Number(argv[++i]) || 1);
    else {
      process.stderr.write(`interop: unknown argument ${a}\nusage: npm run interop -- [--json] [--only SUBSTRING] [--concurrency N]\n`);
      return 2;
    }
  }
  if (!json)
    opts.onResult = (r) =>
      process.stdout.write(`${r.passed ? 'ok  ' : 'FAIL'} ${r.id} (${r.checks} checks, ${r.ms} ms)${r.passed ? '' : '\n     ' + r.failures.join('\n     ')}\n`);
  const s = await runInterop(opts);
  if (json) process.stdout.write(JSON.stringify(s, null, 2) + '\n');
  else {
    if (s.skipped) process.stdout.write(`INTEROP SKIPPED: ${s.skipped}\n`);
    process.stdout.write(
      `interop: ${s.sessions} sessions against ${s.plugins} plugin builds (gob ${s.byProtocol.gob.passed}/${s.byProtocol.gob.sessions}, protobuf ${s.byProtocol.protobuf.passed}/${s.byProtocol.protobuf.sessions} passed), ${s.checks} checks, ${s.passed} passed, ${s.failed} failed in ${s.ms} ms\n`,
    );
  }
  if (!json && s.builds)
    process.stdout.write(
      `interop builds: ${s.builds.total} builds (gob ${s.builds.byProtocol.gob}, protobuf ${s.builds.byProtocol.protobuf}), ${s.builds.passed} passed, ${s.builds.failed} failed, ${s.builds.matchedPacker} matched real Packer\n`,
    );
  return s.failed > 0 || (s.builds?.failed ?? 0) > 0 ? 1 : 0;
}

if (process.argv[1] && realpathSync(resolve(process.argv[1])) === realpathSync(fileURLToPath(import.meta.url))) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      killAllPlugins();
      process.stderr.write(`interop: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
