#!/usr/bin/env node
/**
 * packer-wire command line.
 *
 *   packer-wire decode --family F [--context JSON] FILE|-     bytes -> canonical JSON
 *   packer-wire encode --family F [--context JSON] FILE|-     canonical JSON -> bytes (stdout)
 *   packer-wire conformance [--vectors DIR] [--json]
 *   packer-wire describe PLUGIN-BINARY [--protocol auto|gob|protobuf] [--json]
 *
 * Exit status: 0 ok, 1 bad input (one line on stderr: the WireError, or why the input could not be
 * read), 2 bad usage (one line on stderr). Nothing prints a stack trace. `conformance` and
 * `describe` are loaded only when asked for.
 */
import { readFileSync, realpathSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { decode, encode } from '../codecs/api.js';
import { FAMILIES, type Family } from '../codecs/family.js';
import { isWireError } from '../codecs/wire/errors.js';
import { UsageError, oneLine } from './errors.js';

export const USAGE = `usage:
  packer-wire decode --family FAMILY [--context JSON] FILE|-
  packer-wire encode --family FAMILY [--context JSON] FILE|-
  packer-wire conformance [--vectors DIR] [--json]
  packer-wire describe PLUGIN-BINARY [--protocol auto|gob|protobuf] [--json]
  packer-wire schema PLUGIN-BINARY [--component KIND/NAME] [--format json-schema|typescript] [--protocol auto|gob|protobuf] [--json]
families: ${FAMILIES.join(', ')}
exit status: 0 ok, 1 bad input, 2 bad usage
`;

/** Bad input (exit status 1) that is not a WireError: a file that cannot be read, text that is not JSON. */
class InputError extends Error {}

function readInput(path: string | undefined): Uint8Array {
  if (path === undefined) throw new UsageError('missing input FILE (or - for standard input)');
  try {
    return new Uint8Array(readFileSync(path === '-' ? 0 : path));
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    throw new InputError(`cannot read ${path === '-' ? 'standard input' : path}: ${typeof code === 'string' ? code : oneLine(e)}`);
  }
}

function parseCodecArgs(args: string[]): { family: Family; context: Record<string, unknown>; file: string | undefined } {
  let family: string | undefined;
  let context: Record<string, unknown> = {};
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--family') family = args[++i];
    else if (a === '--context') {
      let c: unknown;
      try {
        c = JSON.parse(args[++i] ?? '');
      } catch {
        throw new UsageError('--context needs a JSON object');
      }
      if (c === null || typeof c !== 'object' || Array.isArray(c)) throw new UsageError('--context needs a JSON object');
      context = c as Record<string, unknown>;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else if (file === undefined) file = a;
    else throw new UsageError(`unexpected argument ${a}`);
  }
  if (!family) throw new UsageError('--family is required');
  if (!FAMILIES.includes(family as Family)) throw new UsageError(`unknown family ${family}`);
  return { family: family as Family, context, file };
}

async function dispatch(cmd: string | undefined, rest: string[]): Promise<number> {
  switch (cmd) {
    case 'decode': {
      const { family, context, file } = parseCodecArgs(rest);
      const out = decode(family, readInput(file), context);
      process.stdout.write(JSON.stringify(out, null, 2) + '\n');
      return 0;
    }
    case 'encode': {
      const { family, context, file } = parseCodecArgs(rest);
      const text = readInput(file);
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder().decode(text));
      } catch (e) {
        throw new InputError(`input is not JSON: ${oneLine(e)}`);
      }
      writeSync(1, encode(family, json, context));
      return 0;
    }
    case 'conformance': {
      const { main } = await import('../conformance/runner/main.js');
      return main(rest);
    }
    case 'describe': {
      const { describeMain } = await import('./describe.js');
      return describeMain(rest);
    }
    case 'schema': {
      const { schemaMain } = await import('./schema.js');
      return schemaMain(rest);
    }
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case undefined:
      process.stdout.write(USAGE);
      return 2;
    default:
      throw new UsageError(`unknown command ${cmd}`);
  }
}

/** Runs one command; resolves to the exit status. Every failure is reported on one line of stderr. */
export async function run(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    return await dispatch(cmd, rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`packer-wire: ${e.message} (see packer-wire --help)\n`);
      return 2;
    }
    if (isWireError(e) || e instanceof InputError) {
      process.stderr.write(`packer-wire: ${oneLine(e)}\n`);
      return 1;
    }
    // Not expected: still one line, and a distinct status would be misread as usage, so 1.
    process.stderr.write(`packer-wire: internal error: ${oneLine(e)}\n`);
    return 1;
  }
}

if (process.argv[1] && realpathSync(resolve(process.argv[1])) === realpathSync(fileURLToPath(import.meta.url))) {
  process.exitCode = await run(process.argv.slice(2));
}
