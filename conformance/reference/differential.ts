/**
 * The module boundary between real Packer's recorded sessions (cmd/reference, through the
 * recording relay) and our TypeScript host's replay of the same template and plugin set.
 *
 * `compareWithOurHost` takes one recorded session and says whether our host's session equals it
 * (calls, arguments, payloads, except documented nondeterminism: map order, random ids, times).
 * The replay and the comparison are host-replay.ts: what our host decides is compared, what Packer
 * takes from elsewhere (HCL-evaluated configs, other plugins' answers) comes from the recording.
 */
import { replayWithOurHost } from './host-replay.js';

/** One plugin session real Packer drove, as `conformance/.work/reference/results.json` lists it. */
export interface RecordedSession {
  /** e.g. `packer-1.16.0-sessions-v2-unset-t064-datasource-default`; also the vector id's stem. */
  id: string;
  /** `v1.12.0` / `v1.16.0`. */
  packer: string;
  /** The case (Packer version / case set / PACKER_FORCE_GOB value) whose run recorded it. */
  case: string;
  /** The plugin's installed name (`packer-plugin-NAME_…`). */
  plugin: string;
  /** The plugin build (plugins.json `name`), e.g. `tester-sdk0.6.4`. */
  build: string;
  kind: string;
  /** The component name the plugin was started with (`-packer-default-plugin-name-` for the default). */
  component: string;
  protocol: 'gob' | 'protobuf';
  /** The arguments Packer started the plugin with. */
  args: string[];
  /** The whole HCL2 template of the run. */
  template: string;
  /** The transcript (vectors/README.md record format), relative to the reference work directory. */
  file: string;
  /** Number of RPC calls Go's demultiplexer found, and `caller:Service.Method` of each. */
  calls: number;
  methods: string[];
  problems: string[];
  /** `transcript/<id>` when the session is also a golden vector. */
  vector?: string;
}

export interface SessionComparison {
  id: string;
  matched: boolean;
  /** Each difference between our host's session and real Packer's, in words. */
  differences: string[];
}

export interface CompareContext {
  /** Absolute path of the reference work directory (for `RecordedSession.file`). */
  workDir: string;
  /**
   * The tester's settings Packer's environment gave the plugin (the case's `TESTER_*` variables,
   * e.g. TESTER_GENERATED_DATA=all): the replayed plugin gets them too.
   */
  pluginEnv?: Record<string, string>;
}

/** Our host's replay of the session (host-replay.ts) against the recording. Never throws. */
export async function compareWithOurHost(session: RecordedSession, context: CompareContext): Promise<SessionComparison> {
  return replayWithOurHost(session, context);
}

/**
 * The tester settings of a recorded case (its `TESTER_*` variables, "$CASE"-relative paths left
 * out) for the replayed plugin's environment: TESTER_GENERATED_DATA=all in the sessions recorded
 * as vectors.
 */
export function testerSettings(caseEnv: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(caseEnv ?? {}).filter(([k, v]) => k.startsWith('TESTER_') && !v.includes('$CASE')));
}
