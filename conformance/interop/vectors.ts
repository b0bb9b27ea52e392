/**
 * The Go harness's golden vectors (vectors/manifest.json) looked up the way an interop session
 * needs them: by the plugin build (plugin + SDK version), protocol mode, component and call.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from './plugins.js';

export interface Vector {
  id: string;
  family: string;
  file: string;
  expect: string;
  source: { plugin: string; pluginVersion: string; sdkVersion: string; goVersion: string; mode: string; host?: string };
  byteExact: boolean;
  context: Record<string, unknown>;
}

/** One call of a transcript's expect file. */
export interface TranscriptCall {
  stream: number;
  yamuxStream: number;
  caller: 'host' | 'plugin';
  serviceMethod: string;
  seq: number;
  request: unknown;
  response: unknown;
  error: string;
  hasResponse: boolean;
}

export class VectorIndex {
  readonly vectors: Vector[];
  private readonly jsonCache = new Map<string, unknown>();

  constructor(readonly dir = process.env['PACKER_WIRE_VECTORS'] ?? resolve(repoRoot, 'vectors')) {
    const m = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as { vectors: Vector[] };
    this.vectors = m.vectors;
  }

  /** Vectors of our Go host and the harness; real Packer's recordings (`source.host` `packer-…`) are conformance/reference's. */
  private matches(v: Vector, plugin: string, sdkVersion: string, mode: string): boolean {
    return v.source.plugin === plugin && v.source.sdkVersion === sdkVersion && v.source.mode === mode && !(v.source.host ?? '').startsWith('packer-');
  }

  /** The gob-spec / proto-spec (accept) vector of a component's ConfigSpec or OutputSpec. */
  spec(plugin: string, sdkVersion: string, mode: 'gob' | 'protobuf', component: string, call: 'ConfigSpec' | 'OutputSpec'): Vector | undefined {
    const family = mode === 'gob' ? 'gob-spec' : 'proto-spec';
    return this.vectors.find(
      (v) =>
        v.family === family &&
        this.matches(v, plugin, sdkVersion, mode) &&
        v.context['component'] === component &&
        v.context['call'] === call &&
        (mode === 'gob' || v.context['kind'] === 'accept'),
    );
  }

  /** gob-value / msgpack-value vectors of Datasource.Execute for one plugin build. */
  executeValues(plugin: string, sdkVersion: string, mode: 'gob' | 'protobuf'): Vector[] {
    const family = mode === 'gob' ? 'gob-value' : 'msgpack-value';
    return this.vectors.filter((v) => v.family === family && this.matches(v, plugin, sdkVersion, mode) && v.context['call'] === 'Execute');
  }

  /** Transcripts of a component's sessions for one build and mode. */
  transcripts(plugin: string, sdkVersion: string, mode: 'gob' | 'protobuf', component: string): Vector[] {
    return this.vectors.filter((v) => v.family === 'transcript' && this.matches(v, plugin, sdkVersion, mode) && v.context['component'] === component);
  }

  /** Every transcript whose component, mode and session label match, any build. */
  transcriptsFor(plugin: string, mode: 'gob' | 'protobuf', component: string, session: string): Vector[] {
    return this.vectors.filter(
      (v) =>
        v.family === 'transcript' &&
        v.source.plugin === plugin &&
        v.source.mode === mode &&
        !(v.source.host ?? '').startsWith('packer-') &&
        v.context['component'] === component &&
        v.context['session'] === session,
    );
  }

  bytes(v: Vector): Uint8Array {
    return new Uint8Array(readFileSync(resolve(this.dir, v.file)));
  }

  expect(v: Vector): unknown {
    let j = this.jsonCache.get(v.id);
    if (j === undefined) {
      j = JSON.parse(readFileSync(resolve(this.dir, v.expect), 'utf8')) as unknown;
      this.jsonCache.set(v.id, j);
    }
    return j;
  }

  calls(v: Vector): TranscriptCall[] {
    return (this.expect(v) as { calls: TranscriptCall[] }).calls;
  }
}
