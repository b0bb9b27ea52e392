/**
 * `packer-wire schema PLUGIN-BINARY [--component KIND/NAME] [--format json-schema|typescript]
 *  [--protocol auto|gob|protobuf] [--json]`
 *
 * Starts the plugin as Packer does (one process per component, protocol chosen from describe:
 * protobuf when it reports v2), reads every component's ConfigSpec (and a datasource's
 * OutputSpec) and prints, for each, the JSON Schema (draft 2020-12) or the TypeScript declaration
 * of the JSON syntax of its block body (codecs/schema). Without --json: one block per component,
 * headed `# KIND NAME ConfigSpec`. With --json: one document keyed by `KIND/NAME`, each
 * `{configSpec, outputSpec?, error?}` (TypeScript declarations as strings).
 *
 * Exit status: 0 when every spec was read, 1 when the plugin could not be described or any call
 * failed, 2 on bad usage.
 */
import type { ComponentSpecs } from '../host/inspect.js';
import type { WireProtocol } from '../codecs/protocol/choose.js';
import { componentJson as describedJson, inspectPlugin, protocolOption } from './describe.js';
import type { ObjectSpec } from '../codecs/hclspec/model.js';
import { specToJsonSchema, specToTypeScript } from '../codecs/schema/index.js';

type Format = 'json-schema' | 'typescript';

interface Args {
  binary: string;
  component: string | undefined;
  format: Format;
  protocol: WireProtocol | 'auto';
  json: boolean;
}

function parseArgs(argv: string[]): Args | string {
  let binary: string | undefined;
  let component: string | undefined;
  let format: Format = 'json-schema';
  let protocol: Args['protocol'] = 'auto';
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : argv[++i]);
    if (flag === '--json') json = true;
    else if (flag === '--component') {
      component = value();
      if (!component || !component.includes('/')) return `--component needs KIND/NAME (got ${JSON.stringify(component)})`;
    } else if (flag === '--format') {
      const v = value();
      if (v !== 'json-schema' && v !== 'typescript') return `--format must be json-schema or typescript (got ${JSON.stringify(v)})`;
      format = v;
    } else if (flag === '--protocol') {
      const v = protocolOption(value());
      if (v.error !== undefined) return v.error;
      protocol = v.protocol;
    } else if (a.startsWith('--')) return `unknown option ${a}`;
    else if (binary === undefined) binary = a;
    else return `unexpected argument ${a}`;
  }
  if (binary === undefined) return 'missing PLUGIN-BINARY';
  return { binary, component, format, protocol, json };
}

/** `builder` + `my-thing` + `Config` -> `BuilderMyThingConfig`. */
export function declarationName(kind: string, name: string, what: 'Config' | 'Output'): string {
  const words = `${kind} ${name}`.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const id = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return /^[0-9]/.test(id) ? `_${id}${what}` : `${id}${what}`;
}

function render(spec: ObjectSpec, format: Format, kind: string, name: string, what: 'Config' | 'Output'): unknown {
  const title = `${kind} ${name} ${what === 'Config' ? 'ConfigSpec' : 'OutputSpec'}`;
  if (format === 'typescript')
    return specToTypeScript(spec, { name: declarationName(kind, name, what), description: `${title}: the JSON syntax of its block body` });
  return specToJsonSchema(spec, {
    title,
    description: `The JSON syntax (.pkr.json) of the ${kind} ${name} block body, as hcldec decodes it with the plugin's ${title}.`,
  });
}

function componentJson(c: ComponentSpecs, format: Format): Record<string, unknown> {
  const { kind: _k, name: _n, ...rest } = describedJson(c, (spec, which) => render(spec, format, c.kind, c.name, which === 'configSpec' ? 'Config' : 'Output'));
  return rest;
}

export async function schemaMain(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`packer-wire schema: ${args} (see packer-wire --help)\n`);
    return 2;
  }
  const wanted = args.component;
  const inspected = await inspectPlugin('schema', args.binary, args.protocol, (c) => wanted === undefined || `${c.kind}/${c.name}` === wanted);
  if (typeof inspected === 'number') return inspected;
  const { protocol, components } = inspected;
  const failed = components.some((c) => c.configSpecError || c.outputSpecError);
  if (args.json) {
    const doc: Record<string, unknown> = {};
    for (const c of components) doc[`${c.kind}/${c.name}`] = componentJson(c, args.format);
    process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
  } else {
    for (const c of components) {
      const j = componentJson(c, args.format);
      const show = (v: unknown): string => (typeof v === 'string' ? v.trimEnd() : JSON.stringify(v, null, 2));
      process.stdout.write(`# ${c.kind} ${c.name} ConfigSpec (protocol ${protocol})\n${show(j['configSpec'])}\n\n`);
      if (c.kind === 'datasource') process.stdout.write(`# ${c.kind} ${c.name} OutputSpec (protocol ${protocol})\n${show(j['outputSpec'])}\n\n`);
      if (j['error']) process.stdout.write(`# ${c.kind} ${c.name} errors\n${JSON.stringify(j['error'], null, 2)}\n\n`);
    }
  }
  return failed ? 1 : 0;
}
