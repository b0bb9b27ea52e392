/**
 * What a plugin says about its components' configuration: for each component listed by
 * `describe`, one session (as Packer starts one process per component) asking ConfigSpec, and
 * for datasources also OutputSpec. A failing call is recorded beside the component, it does not
 * stop the others.
 */
import type { ObjectSpec } from '../codecs/hclspec/model.js';
import { COMPONENT_KINDS, componentList, type ComponentKind, type PluginDescription } from '../codecs/protocol/describe.js';
import type { WireProtocol } from '../codecs/protocol/choose.js';
import { type HostError, asHostError } from './errors.js';
import { startComponent, type SessionOptions } from './session.js';

export interface ComponentSpecs {
  kind: ComponentKind;
  name: string;
  configSpec?: ObjectSpec;
  configSpecError?: HostError;
  /** Datasources only. */
  outputSpec?: ObjectSpec;
  outputSpecError?: HostError;
}

/** Every component of a description, in describe order (builders, post-processors, …). */
export function describedComponents(d: PluginDescription): Array<{ kind: ComponentKind; name: string }> {
  return COMPONENT_KINDS.flatMap((kind) => componentList(d, kind).map((name) => ({ kind, name })));
}

/** The protocol Packer would pick for this plugin alone: protobuf when it reports v2. */
export function autoProtocol(d: PluginDescription): WireProtocol {
  return d.protocolVersion === 'v2' ? 'protobuf' : 'gob';
}

export async function inspectComponent(binary: string, kind: ComponentKind, name: string, options: SessionOptions): Promise<ComponentSpecs> {
  const out: ComponentSpecs = { kind, name };
  let session;
  try {
    session = await startComponent(binary, kind, name, options);
  } catch (e) {
    out.configSpecError = asHostError(e, 'start', `start ${kind} ${name}`);
    return out;
  }
  try {
    const c =
      kind === 'builder'
        ? session.builder()
        : kind === 'datasource'
          ? session.datasource()
          : kind === 'provisioner'
            ? session.provisioner()
            : session.postProcessor();
    try {
      out.configSpec = await c.configSpec();
    } catch (e) {
      out.configSpecError = asHostError(e, 'payload', 'ConfigSpec');
    }
    if (kind === 'datasource') {
      try {
        out.outputSpec = await session.datasource().outputSpec();
      } catch (e) {
        out.outputSpecError = asHostError(e, 'payload', 'OutputSpec');
      }
    }
  } finally {
    await session.close();
  }
  return out;
}
