/**
 * Which serialisation Packer uses for a whole run, and the arguments it starts components with.
 *
 * Packer (1.12 and later, `DiscoverMultiPlugin` in packer/plugin.go) reads every discovered
 * plugin's description in discovery order. For each plugin it registers every listed component
 * whose Packer name is not registered yet (internal components are registered first, then the
 * plugins the template requires, then every other installed plugin). A plugin that registered at
 * least one component and cannot use protobuf switches the global `PackerUseProto` off for good;
 * nothing switches it back on. A plugin "can use protobuf" when its description says
 * `protocol_version` "v2" and `PACKER_FORCE_GOB` is unset, empty, or exactly "0" (so "false",
 * "no", " 0" all force gob). A plugin that registers nothing never changes the choice, so with no
 * plugins (or only duplicates) Packer stays on protobuf even when gob is forced.
 *
 * Go walks installed plugins in map order (random) after the required ones; when two plugins
 * claim the same Packer name, the order given here decides which one registers it, as Go's
 * iteration order would in that run.
 *
 * The internal components are those of the given Packer version (`PACKER_INTERNAL_COMPONENTS`,
 * generated from each version's own command/execute.go); they differ between versions (1.16 has
 * the `provenance` post-processor, 1.12 does not). Checked against real Packer by `npm run
 * reference` (conformance/reference).
 */
import { COMPONENT_KINDS, PROTOCOL_VERSION_2, componentList, packerComponentName, type ComponentKind, type PluginDescription } from './describe.js';
import { PACKER_INTERNAL_COMPONENTS } from './internal-components.js';

export { PACKER_INTERNAL_COMPONENTS };

export const FORCE_GOB_ENV = 'PACKER_FORCE_GOB';

export type WireProtocol = 'gob' | 'protobuf';

export interface DiscoveredPlugin {
  /** The plugin name Packer uses (from the binary name or the required_plugins accessor). */
  name: string;
  description: PluginDescription;
}

export interface RegisteredComponent {
  kind: ComponentKind;
  /** The Packer name, e.g. `amazon-ebs`, or `amazon` for a default-name component. */
  packerName: string;
  plugin: string;
  /** The name the plugin listed (the argument of `start`). */
  componentName: string;
}

export interface ProtocolChoice {
  protocol: WireProtocol;
  /** True when `PACKER_FORCE_GOB` asks for gob (whether or not that changed the outcome). */
  gobForced: boolean;
  /** The first plugin that switched the run to gob, if any. */
  switchedToGobBy?: string;
  /** Every plugin component registered, in registration order. */
  components: RegisteredComponent[];
  /** Looks up a registered plugin component by kind and Packer name. */
  component(kind: ComponentKind, packerName: string): RegisteredComponent | undefined;
  /** `start <kind> [--protobuf] <name>`: the arguments Packer passes the plugin binary. */
  startArgs(kind: ComponentKind, componentName: string): string[];
}

/** The Packer versions whose internal components we know (`PACKER_INTERNAL_COMPONENTS`). */
export function knownPackerVersions(): string[] {
  return Object.keys(PACKER_INTERNAL_COMPONENTS).sort();
}

/** Packer's internal components for a version (`v1.12.0` or `1.12.0`); throws for a version we have no data for. */
export function internalComponents(packerVersion: string): Readonly<Record<ComponentKind, readonly string[]>> {
  const v = packerVersion.startsWith('v') ? packerVersion : `v${packerVersion}`;
  const list = PACKER_INTERNAL_COMPONENTS[v];
  if (list === undefined) {
    throw new RangeError(`no internal component list for Packer ${packerVersion} (known: ${knownPackerVersions().join(', ')})`);
  }
  return list;
}

/** A plugin file Packer found in its plugin directory. */
export interface InstalledPlugin {
  /** NAME of `packer-plugin-NAME_vX.Y.Z_x5.0_OS_ARCH`. */
  name: string;
  /** `github.com/OWNER/NAME` (the directory it is installed under). */
  source: string;
  /** X.Y.Z of the file name (equal to the version its describe reports, or Packer ignores it). */
  version: string;
  description: PluginDescription;
}

/** One `required_plugins` entry of an HCL2 template. */
export interface RequiredPlugin {
  accessor: string;
  source: string;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10));
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Packer's discovery order for an HCL2 template (hcl2template/plugin.go DetectPluginBinaries):
 * each required plugin under its accessor name, from the newest installed version of its
 * source; then (packer/plugin.go Discover) every installed plugin under its file name, the newest
 * version per name. A required plugin with no installation is left out (Packer then fails with
 * "Missing plugins"). Version constraints are not modelled: every installation is taken to match.
 */
export function discoveredPlugins(required: readonly RequiredPlugin[], installed: readonly InstalledPlugin[]): DiscoveredPlugin[] {
  const newest = (list: InstalledPlugin[]) =>
    list.reduce<InstalledPlugin | undefined>((a, p) => (a === undefined || compareVersions(p.version, a.version) >= 0 ? p : a), undefined);
  const out: DiscoveredPlugin[] = [];
  for (const r of required) {
    const p = newest(installed.filter((i) => i.source === r.source));
    if (p) out.push({ name: r.accessor, description: p.description });
  }
  const names = [...new Set(installed.map((i) => i.name))];
  for (const n of names) {
    const p = newest(installed.filter((i) => i.name === n))!;
    out.push({ name: n, description: p.description });
  }
  return out;
}

/** `PACKER_FORCE_GOB` as Packer reads it: any non-empty value other than "0" forces gob. */
export function gobForcedBy(env: Readonly<Record<string, string | undefined>>): boolean {
  const v = env[FORCE_GOB_ENV];
  return v !== undefined && v !== '' && v !== '0';
}

/** The `start` arguments of a plugin component in the given protocol. */
export function startArgs(protocol: WireProtocol, kind: ComponentKind, componentName: string): string[] {
  return protocol === 'protobuf' ? ['start', kind, '--protobuf', componentName] : ['start', kind, componentName];
}

/**
 * The protocol Packer `packerVersion` uses for a run, given the plugins in discovery order
 * (`discoveredPlugins`) and the environment. Throws a RangeError for a Packer version without an
 * internal component list.
 */
export function chooseProtocol(packerVersion: string, plugins: readonly DiscoveredPlugin[], env: Readonly<Record<string, string | undefined>>): ProtocolChoice {
  const internal = internalComponents(packerVersion);
  const gobForced = gobForcedBy(env);
  const taken = new Map<ComponentKind, Set<string>>();
  for (const kind of COMPONENT_KINDS) taken.set(kind, new Set(internal[kind]));
  const components: RegisteredComponent[] = [];
  const byKey = new Map<string, RegisteredComponent>();
  let useProto = true;
  let switchedToGobBy: string | undefined;

  for (const p of plugins) {
    const canProto = p.description.protocolVersion === PROTOCOL_VERSION_2 && !gobForced;
    let registered = false;
    for (const kind of COMPONENT_KINDS) {
      const names = taken.get(kind)!;
      for (const componentName of componentList(p.description, kind)) {
        const packerName = packerComponentName(p.name, componentName);
        if (names.has(packerName)) continue;
        names.add(packerName);
        registered = true;
        const c: RegisteredComponent = { kind, packerName, plugin: p.name, componentName };
        components.push(c);
        byKey.set(`${kind}\u0000${packerName}`, c);
      }
    }
    if (registered && !canProto && useProto) {
      useProto = false;
      switchedToGobBy = p.name;
    }
  }

  const protocol: WireProtocol = useProto ? 'protobuf' : 'gob';
  const choice: ProtocolChoice = {
    protocol,
    gobForced,
    components,
    component: (kind, packerName) => byKey.get(`${kind}\u0000${packerName}`),
    startArgs: (kind, componentName) => startArgs(protocol, kind, componentName),
  };
  if (switchedToGobBy !== undefined) choice.switchedToGobBy = switchedToGobBy;
  return choice;
}
