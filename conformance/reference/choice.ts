/**
 * chooseProtocol (codecs/protocol) against real Packer: for every case cmd/reference ran, the
 * protocol real Packer chose (from the `start` arguments the relays saw) and our model's answer
 * for the same inputs (Packer version, required_plugins, installed plugins with their describe
 * output, PACKER_FORCE_GOB).
 */
import { chooseProtocol, discoveredPlugins, internalComponents, type InstalledPlugin } from '../../codecs/protocol/choose.js';
import { COMPONENT_KINDS } from '../../codecs/protocol/describe.js';
import { parseDescribe } from '../../codecs/protocol/describe.js';

export interface ReferenceCase {
  /** The PACKER_* and TESTER_* variables Packer ran with ("$CASE" for the case directory). */
  env?: Record<string, string>;
  id: string;
  packer: string;
  set: string;
  about: string;
  forceGob: string | null;
  required: Array<{ accessor: string; source: string }>;
  installed: Array<{ name: string; source: string; version: string; build: string; describe: unknown }>;
  starts: Array<{ plugin: string; args: string[]; protocol: string }>;
  observed: string;
  logSaysProtobuf: boolean;
  exitCode: number;
  problems: string[];
}

export interface ChoiceResult {
  id: string;
  packer: string;
  observed: string;
  ours: string;
  agree: boolean;
  /** Why not, in words (disagreement or a run that showed nothing). */
  difference?: string;
}

export function judgeCase(c: ReferenceCase): ChoiceResult {
  const installed: InstalledPlugin[] = (c.installed ?? []).map((p) => ({
    name: p.name,
    source: p.source,
    version: p.version,
    description: parseDescribe(new TextEncoder().encode(JSON.stringify(p.describe))),
  }));
  const env: Record<string, string | undefined> = {};
  if (c.forceGob !== null) env['PACKER_FORCE_GOB'] = c.forceGob;
  const ours = chooseProtocol(c.packer, discoveredPlugins(c.required ?? [], installed), env);
  const r: ChoiceResult = { id: c.id, packer: c.packer, observed: c.observed, ours: ours.protocol, agree: c.observed === ours.protocol };
  if (c.observed !== 'gob' && c.observed !== 'protobuf') {
    r.agree = false;
    r.difference = `real Packer's choice not observed: ${(c.problems ?? []).join('; ') || c.observed}`;
  } else if (!r.agree) {
    r.difference = `real Packer chose ${c.observed}, chooseProtocol says ${ours.protocol}${ours.switchedToGobBy ? ` (switched by ${ours.switchedToGobBy})` : ''}`;
  }
  return r;
}

/** Differences between our internal component data and what cmd/reference read from Packer's source. */
export function checkInternalComponents(fromSource: Record<string, Record<string, string[]>>): string[] {
  const out: string[] = [];
  for (const [v, kinds] of Object.entries(fromSource)) {
    let ours: ReturnType<typeof internalComponents>;
    try {
      ours = internalComponents(v);
    } catch (e) {
      out.push((e as Error).message);
      continue;
    }
    for (const k of COMPONENT_KINDS) {
      const a = [...ours[k]].sort().join(',');
      const b = [...(kinds[k] ?? [])].sort().join(',');
      if (a !== b) out.push(`Packer ${v} ${k}: source has [${b}], codecs/protocol/internal-components.ts has [${a}]`);
    }
  }
  return out;
}
