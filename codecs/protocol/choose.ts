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
 */
import {
  COMPONENT_KINDS,
  PROTOCOL_VERSION_2,
  componentList,
  packerComponentName,
  type ComponentKind,
  type PluginDescription,
} from './describe.js';

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

export interface ChooseOptions {
  /** Packer names already registered before discovery (Packer's internal components). */
  alreadyRegistered?: Partial<Record<ComponentKind, Iterable<string>>>;
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

export function chooseProtocol(
  plugins: readonly DiscoveredPlugin[],
  env: Readonly<Record<string, string | undefined>>,
  options: ChooseOptions = {},
): ProtocolChoice {
  const gobForced = gobForcedBy(env);
  const taken = new Map<ComponentKind, Set<string>>();
  for (const kind of COMPONENT_KINDS) taken.set(kind, new Set(options.alreadyRegistered?.[kind] ?? []));
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

/**
 * Packer v1.16.0's internal components (command/execute.go), registered before any plugin. They
 * are started as `packer execute [--protobuf] packer-<kind>-<name>`; pass them as
 * `alreadyRegistered` to reproduce name collisions with plugins exactly.
 */
export const PACKER_1_16_INTERNAL_COMPONENTS: Readonly<Record<ComponentKind, readonly string[]>> = {
  builder: ['file', 'null'],
  provisioner: ['breakpoint', 'file', 'hcp-sbom', 'powershell', 'shell', 'shell-local', 'sleep', 'windows-restart', 'windows-shell'],
  'post-processor': ['artifice', 'checksum', 'compress', 'manifest', 'provenance', 'shell-local'],
  datasource: ['hcp-packer-artifact', 'hcp-packer-image', 'hcp-packer-iteration', 'hcp-packer-version', 'http', 'null'],
};
