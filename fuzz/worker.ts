/**
 * The fuzz worker thread: loads the family codec (after turning coverage on), the seeds and the
 * shapes, and runs the engine until its deadline or input limit. Its stack is sized like the main
 * thread's (see supervisor.ts) so that a stack overflow here is one a caller would hit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Family, FamilyCodec } from '../codecs/family.js';
import { Coverage } from './coverage.js';
import { loadSeeds } from './corpus.js';
import { Engine } from './engine.js';
import type { WorkerConfig, WorkerMessage } from './messages.js';
import { SharedState } from './shared.js';
import { shapesFor } from './shapes/index.js';

const cfg = workerData as WorkerConfig;

/** Mutants may grow to 1.25 x the largest seed, within 64 KiB .. 1 MiB. */
const autoMaxLen = (lengths: number[]): number => Math.min(1 << 20, Math.max(64 << 10, Math.ceil(1.25 * Math.max(0, ...lengths))));
const post = (m: WorkerMessage): void => parentPort!.postMessage(m);

const coverage = cfg.coverage ? new Coverage((url) => url.includes('/dist/codecs/')) : null;
coverage?.start();

const codec = cfg.codecModule
  ? ((await import(cfg.codecModule)) as { codec: FamilyCodec }).codec
  : ((await import('../codecs/families.js')) as { familyCodec(f: Family): FamilyCodec | undefined }).familyCodec(cfg.family);
const seeds = loadSeeds(cfg.vectorsDir, cfg.family);
const shapes = shapesFor(cfg.family);
post({ type: 'ready', seeds: seeds.length, shapes: shapes.length, codec: codec !== undefined });

if (codec) {
  const engine = new Engine({
    family: cfg.family,
    codec,
    seeds,
    shapes,
    seed: cfg.seed,
    maxLen: cfg.maxLen || autoMaxLen(seeds.map((x) => x.bytes.length)),
    stages: cfg.stages,
    coverage,
    shared: new SharedState(cfg.shared),
    skipInitial: cfg.skipInitial,
    deadline: cfg.deadline,
    maxInputs: cfg.maxInputs,
    known: cfg.known,
    carried: cfg.carried,
    post,
  });
  post({ type: 'done', stats: engine.run() });
} else {
  post({ type: 'done', stats: { inputs: 0, executions: 0, values: 0, wireErrors: 0, corpus: 0, coverage: 0, findings: 0 } });
}
