/**
 * `packer-plugin-NAME describe`: the one JSON line a plugin prints about itself (the SDK's
 * `plugin.SetDescription`, written by `json.NewEncoder(os.Stdout).Encode`).
 *
 * Reading follows what Packer does with it (`json.Unmarshal` into SetDescription): member names
 * match case-insensitively as Go folds them, unknown members are ignored, a later duplicate wins,
 * `null` leaves a string unchanged and empties a list, a `null` list element is "". Anything Go
 * refuses (bad JSON, a wrong JSON type for a field) is a WireError (codec 'protocol').
 *
 * Writing gives the SDK's bytes: fields in declaration order, lists as given (the SDK sorts them
 * and prints `[]` when empty), `protocol_version` only when the description has one (SDK v0.6.0
 * and later always print "v2"; older SDKs have no such field), and a trailing newline.
 */
import { WireError } from '../wire/index.js';
import { parseGoJson, goJsonStringStrict, type GoJson } from './gojson.js';

/** The SDK's name for "the component named after the plugin itself" (`plugin.DEFAULT_NAME`). */
export const DEFAULT_COMPONENT_NAME = '-packer-default-plugin-name-';

/** The value of `protocol_version` that announces protobuf/msgpack support (`plugin.ProtocolVersion2`). */
export const PROTOCOL_VERSION_2 = 'v2';

export type ComponentKind = 'builder' | 'post-processor' | 'provisioner' | 'datasource';
export const COMPONENT_KINDS: readonly ComponentKind[] = ['builder', 'post-processor', 'provisioner', 'datasource'];

export interface PluginDescription {
  version: string;
  sdkVersion: string;
  /** "x5.0" on every SDK that prints a describe line. */
  apiVersion: string;
  builders: string[];
  postProcessors: string[];
  provisioners: string[];
  datasources: string[];
  /** Absent (undefined) when the output has no `protocol_version` member: a gob-only SDK. */
  protocolVersion?: string;
}

/** The JSON member name and description field of each list, in the SDK's field order. */
const LISTS = [
  ['builders', 'builders', 'builder'],
  ['post_processors', 'postProcessors', 'post-processor'],
  ['provisioners', 'provisioners', 'provisioner'],
  ['datasources', 'datasources', 'datasource'],
] as const;

const STRINGS = [
  ['version', 'version'],
  ['sdk_version', 'sdkVersion'],
  ['api_version', 'apiVersion'],
  ['protocol_version', 'protocolVersion'],
] as const;

/** The names a component kind is listed under in the description. */
export function componentList(d: PluginDescription, kind: ComponentKind): string[] {
  switch (kind) {
    case 'builder':
      return d.builders;
    case 'post-processor':
      return d.postProcessors;
    case 'provisioner':
      return d.provisioners;
    case 'datasource':
      return d.datasources;
  }
}

/**
 * Go's case folding of a member name, reduced to what can match our ASCII field names: ASCII
 * letters fold to upper case, U+017F (long s) folds with S and U+212A (Kelvin sign) with K.
 */
function foldName(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch === '\u017f') out += 'S';
    else if (ch === '\u212a') out += 'K';
    else if (ch >= 'a' && ch <= 'z') out += ch.toUpperCase();
    else out += ch;
  }
  return out;
}

const FIELD_BY_EXACT = new Map<string, string>();
const FIELD_BY_FOLDED = new Map<string, string>();
for (const [json] of [...STRINGS, ...LISTS]) {
  FIELD_BY_EXACT.set(json, json);
  FIELD_BY_FOLDED.set(foldName(json), json);
}

function typeName(v: GoJson): string {
  return v.kind === 'bool' ? 'bool' : v.kind;
}

/** Parses `describe` output (the bytes on stdout) as Packer does. */
export function parseDescribe(output: Uint8Array | string): PluginDescription {
  const bytes = typeof output === 'string' ? new TextEncoder().encode(output) : output;
  const root = parseGoJson(bytes);
  const d: PluginDescription = {
    version: '',
    sdkVersion: '',
    apiVersion: '',
    builders: [],
    postProcessors: [],
    provisioners: [],
    datasources: [],
  };
  if (root.kind === 'null') return d; // Go: Unmarshal of null into a struct is a no-op
  if (root.kind !== 'object') {
    throw new WireError('protocol', root.at, `cannot unmarshal ${typeName(root)} into a plugin description`);
  }
  for (const m of root.members) {
    const field = FIELD_BY_EXACT.get(m.key) ?? FIELD_BY_FOLDED.get(foldName(m.key));
    if (field === undefined) continue;
    const v = m.value;
    const str = STRINGS.find((s) => s[0] === field);
    if (str) {
      if (v.kind === 'null') continue;
      if (v.kind !== 'string') throw new WireError('protocol', v.at, `cannot unmarshal ${typeName(v)} into ${field} (a string)`);
      d[str[1]] = v.value;
      continue;
    }
    const list = LISTS.find((l) => l[0] === field)!;
    if (v.kind === 'null') {
      d[list[1]] = [];
      continue;
    }
    if (v.kind !== 'array') throw new WireError('protocol', v.at, `cannot unmarshal ${typeName(v)} into ${field} (a list of strings)`);
    d[list[1]] = v.items.map((item) => {
      if (item.kind === 'null') return '';
      if (item.kind !== 'string') throw new WireError('protocol', item.at, `cannot unmarshal ${typeName(item)} into an element of ${field} (a string)`);
      return item.value;
    });
  }
  return d;
}

/** The exact bytes (as a string, newline included) the SDK prints for a description. */
export function formatDescribe(d: PluginDescription): string {
  let out = '{';
  out += `"version":${goJsonStringStrict(d.version, 'version')}`;
  out += `,"sdk_version":${goJsonStringStrict(d.sdkVersion, 'sdk_version')}`;
  out += `,"api_version":${goJsonStringStrict(d.apiVersion, 'api_version')}`;
  for (const [json, key] of LISTS) {
    out += `,"${json}":[${d[key].map((n) => goJsonStringStrict(n, json)).join(',')}]`;
  }
  if (d.protocolVersion !== undefined) out += `,"protocol_version":${goJsonStringStrict(d.protocolVersion, 'protocol_version')}`;
  return out + '}\n';
}

/**
 * The name Packer registers a described component under: `PLUGIN-NAME`, or the bare plugin name
 * for the SDK's default-name component (Packer's DiscoverMultiPlugin).
 */
export function packerComponentName(pluginName: string, componentName: string): string {
  return componentName === DEFAULT_COMPONENT_NAME ? pluginName : `${pluginName}-${componentName}`;
}

/**
 * The plugin name Packer derives from a binary's file name (`^packer-plugin-([^_]+)`), or
 * undefined when the name does not match (Packer then ignores the binary).
 */
export function pluginNameFromBinary(fileName: string): string | undefined {
  const m = /^packer-plugin-([^_]+)/.exec(fileName);
  return m?.[1];
}
