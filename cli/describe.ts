/**
 * `packer-wire describe <plugin-binary> [--protocol auto|gob|protobuf] [--json]`
 *
 * Runs `<plugin-binary> describe`, then starts every component it lists (one process each, as
 * Packer does) and asks for its ConfigSpec, and a datasource's OutputSpec too, printing each as
 * canonical JSON (vectors/README.md). `auto` picks protobuf when the plugin reports protocol v2.
 * Without --json: the describe line, then one block per component. With --json: one document
 * `{describe, protocol, components: [{kind, name, configSpec, outputSpec?, error?}]}`.
 *
 * Exit status: 0 when every spec was read, 1 when the plugin could not be described or any call
 * failed, 2 on bad usage.
 */
import { runDescribe } from '../host/process.js';
import { specToCanonical } from '../codecs/hclspec/canonical.js';
import { autoProtocol, describedComponents, inspectComponent, type ComponentSpecs } from '../host/inspect.js';
import type { WireProtocol } from '../codecs/protocol/choose.js';
import type { ObjectSpec } from '../codecs/hclspec/model.js';
import { oneLine } from './errors.js';

interface Args {
  binary: string;
  protocol: WireProtocol | 'auto';
  json: boolean;
}

/** The value of `--protocol`: auto, gob or protobuf. */
export function protocolOption(v: string | undefined): { protocol: WireProtocol | 'auto'; error?: undefined } | { protocol?: undefined; error: string } {
  if (v === 'auto' || v === 'gob' || v === 'protobuf') return { protocol: v };
  return { error: `--protocol must be auto, gob or protobuf (got ${JSON.stringify(v)})` };
}

function parseArgs(argv: string[]): Args | string {
  let binary: string | undefined;
  let protocol: Args['protocol'] = 'auto';
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--protocol' || a.startsWith('--protocol=')) {
      const v = protocolOption(a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i]);
      if (v.error !== undefined) return v.error;
      protocol = v.protocol;
    } else if (a.startsWith('--')) return `unknown option ${a}`;
    else if (binary === undefined) binary = a;
    else return `unexpected argument ${a}`;
  }
  if (binary === undefined) return 'missing PLUGIN-BINARY';
  return { binary, protocol, json };
}

/** One component as JSON: kind, name, its specs as `render` gives them (canonical JSON by default), errors. */
export function componentJson(
  c: ComponentSpecs,
  render: (spec: ObjectSpec, which: 'configSpec' | 'outputSpec') => unknown = specToCanonical,
): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: c.kind, name: c.name, configSpec: c.configSpec ? render(c.configSpec, 'configSpec') : null };
  if (c.kind === 'datasource') out['outputSpec'] = c.outputSpec ? render(c.outputSpec, 'outputSpec') : null;
  const errors: Record<string, string> = {};
  if (c.configSpecError) errors['configSpec'] = `${c.configSpecError.code}: ${c.configSpecError.message}`;
  if (c.outputSpecError) errors['outputSpec'] = `${c.outputSpecError.code}: ${c.outputSpecError.message}`;
  if (Object.keys(errors).length) out['error'] = errors;
  return out;
}

/**
 * Describes the plugin and reads the specs of its components (all, or those `pick` keeps), one
 * process each, in the protocol Packer would choose (`auto`) or the one given. A number is the
 * exit status of a failure already reported on stderr.
 */
export async function inspectPlugin(
  command: string,
  binary: string,
  protocolArg: WireProtocol | 'auto',
  pick: (c: { kind: string; name: string }) => boolean = () => true,
): Promise<{ stdout: Uint8Array; protocol: WireProtocol; components: ComponentSpecs[] } | number> {
  let described;
  try {
    described = await runDescribe(binary);
  } catch (e) {
    process.stderr.write(`packer-wire ${command}: ${oneLine(e)}\n`);
    return 1;
  }
  const protocol = protocolArg === 'auto' ? autoProtocol(described.description) : protocolArg;
  const wanted = describedComponents(described.description).filter(pick);
  if (wanted.length === 0) {
    process.stderr.write(`packer-wire ${command}: the plugin has no such component\n`);
    return 1;
  }
  const components: ComponentSpecs[] = [];
  for (const { kind, name } of wanted) {
    components.push(await inspectComponent(binary, kind, name, { protocol, callTimeoutMs: 30_000, handshakeTimeoutMs: 30_000 }));
  }
  return { stdout: described.stdout, protocol, components };
}

export async function describeMain(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`packer-wire describe: ${args} (see packer-wire --help)\n`);
    return 2;
  }
  const inspected = await inspectPlugin('describe', args.binary, args.protocol);
  if (typeof inspected === 'number') return inspected;
  const { stdout, protocol, components } = inspected;
  const failed = components.some((c) => c.configSpecError || c.outputSpecError);
  const describeJson = JSON.parse(new TextDecoder().decode(stdout)) as unknown;
  if (args.json) {
    process.stdout.write(JSON.stringify({ describe: describeJson, protocol, components: components.map((c) => componentJson(c)) }, null, 2) + '\n');
  } else {
    process.stdout.write(new TextDecoder().decode(stdout).trimEnd() + '\n');
    process.stdout.write(`protocol: ${protocol}\n`);
    for (const c of components) {
      const j = componentJson(c);
      process.stdout.write(`\n${c.kind} ${c.name} ConfigSpec:\n${JSON.stringify(j['configSpec'], null, 2)}\n`);
      if (c.kind === 'datasource') process.stdout.write(`${c.kind} ${c.name} OutputSpec:\n${JSON.stringify(j['outputSpec'], null, 2)}\n`);
      if (j['error']) process.stdout.write(`${c.kind} ${c.name} errors: ${JSON.stringify(j['error'], null, 2)}\n`);
    }
  }
  return failed ? 1 : 0;
}
