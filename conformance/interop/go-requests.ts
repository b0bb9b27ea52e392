/**
 * The requests the Go host sent on broker stream 0 of a recorded session (a transcript vector's
 * bytes), so a live session can send a plugin exactly what Go sent. Prepare/Configure `Configs`
 * are read with `interface{}` elements, so cty JSON stays the bytes Go wrote (nothing of ours
 * re-encodes it).
 */
import { G, GoFloat, GoInt, GoMap, RpcFrameReader, decodeRequest, type AnyValue } from '../../codecs/rpc/index.js';
import type { HostArtifact } from '../../host/components.js';
import { replayTranscript } from '../../codecs/yamux/replay.js';

const RawConfigsArgs = G.struct('rpc.RawConfigsArgs', { Configs: G.slice(G.any) });
const CONFIG_METHODS = new Set(['Builder.Prepare', 'Provisioner.Prepare', 'PostProcessor.Configure', 'Datasource.Configure']);

export interface GoRequest {
  serviceMethod: string;
  body: unknown;
}

export function goHostRequests(transcript: Uint8Array): GoRequest[] {
  const replay = replayTranscript(transcript);
  const main = replay.main;
  if (!main) return [];
  const bytes = main.bytes[main.opener];
  const reader = new RpcFrameReader({ direction: 'request' });
  reader.push(bytes);
  const out: GoRequest[] = [];
  for (;;) {
    const start = reader.offset;
    const m = reader.next();
    if (!m) break;
    if (CONFIG_METHODS.has(m.header.serviceMethod)) {
      const raw = decodeRequest(bytes.subarray(start, reader.offset), { bodyType: RawConfigsArgs });
      out.push({ serviceMethod: m.header.serviceMethod, body: raw.body });
    } else out.push({ serviceMethod: m.header.serviceMethod, body: m.body });
  }
  return out;
}

/** The Configs Go sent with `serviceMethod`, or undefined when it did not call it. */
export function goConfigs(requests: readonly GoRequest[], serviceMethod: string): AnyValue[] | undefined {
  const r = requests.find((q) => q.serviceMethod === serviceMethod);
  if (!r) return undefined;
  return ((r.body as { Configs: AnyValue[] | null }).Configs ?? []) as AnyValue[];
}

/** The artifact the Go capture host hands post-processors (conformance/cmd/host/hostimpl.go); our host serves the same one. */
export const goHostArtifact: HostArtifact = {
  builderId: () => 'packer-wire.host',
  files: () => ['/host/out/image.raw', '/host/out/ünïcødé.txt'],
  id: () => 'host-artifact-1',
  string: () => 'host artifact: ' + '='.repeat(3),
  state: (name) =>
    name === 'generated_data'
      ? new GoMap([
          ['ID', 'host-1'],
          ['Port', new GoInt(2222n)],
          ['Ok', true],
          ['Ratio', new GoFloat(0.25)],
          ['List', ['a', new GoInt(-1n)]],
        ])
      : null,
  destroy: () => null,
};
