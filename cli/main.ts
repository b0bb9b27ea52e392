#!/usr/bin/env node
/**
 * packer-wire command line.
 *
 *   packer-wire decode --family F [--context JSON] FILE|-     bytes -> canonical JSON
 *   packer-wire encode --family F [--context JSON] FILE|-     canonical JSON -> bytes (stdout)
 *   packer-wire conformance [--vectors DIR] [--json]
 *
 * Exit status: 0 ok, 1 bad input (the WireError message on stderr), 2 bad usage.
 */
import { readFileSync, realpathSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { decode, encode } from '../codecs/api.js';
import { FAMILIES, type Family } from '../codecs/family.js';
import { isWireError } from '../codecs/wire/errors.js';
import { main as conformanceMain } from '../conformance/runner/main.js';
import { describeMain, DESCRIBE_USAGE } from './describe.js';
import { schemaMain, SCHEMA_USAGE } from './schema.js';

export const USAGE = `usage:
  packer-wire decode --family FAMILY [--context JSON] FILE|-
  packer-wire encode --family FAMILY [--context JSON] FILE|-
  packer-wire conformance [--vectors DIR] [--json]
${DESCRIBE_USAGE}${SCHEMA_USAGE}
families: ${FAMILIES.join(', ')}
`;

class UsageError extends Error {}

function readInput(path: string | undefined): Uint8Array {
  if (path === undefined) throw new UsageError('missing input FILE (or - for standard input)');
  return new Uint8Array(readFileSync(path === '-' ? 0 : path));
}

function parseCodecArgs(args: string[]): { family: Family; context: Record<string, unknown>; file: string | undefined } {
  let family: string | undefined;
  let context: Record<string, unknown> = {};
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--family') family = args[++i];
    else if (a === '--context') {
      try {
        context = JSON.parse(args[++i] ?? '') as Record<string, unknown>;
      } catch {
        throw new UsageError('--context needs a JSON object');
      }
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else if (file === undefined) file = a;
    else throw new UsageError(`unexpected argument ${a}`);
  }
  if (!family) throw new UsageError('--family is required');
  if (!FAMILIES.includes(family as Family)) throw new UsageError(`unknown family ${family}`);
  return { family: family as Family, context, file };
}

export function run(argv: string[]): number {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'decode': {
        const { family, context, file } = parseCodecArgs(rest);
        const out = decode(family, readInput(file), context);
        process.stdout.write(JSON.stringify(out, null, 2) + '\n');
        return 0;
      }
      case 'encode': {
        const { family, context, file } = parseCodecArgs(rest);
        let json: unknown;
        try {
          json = JSON.parse(new TextDecoder().decode(readInput(file)));
        } catch (e) {
          if (e instanceof UsageError) throw e;
          process.stderr.write(`packer-wire: input is not JSON: ${(e as Error).message}\n`);
          return 1;
        }
        const bytes = encode(family, json, context);
        writeSync(1, bytes);
        return 0;
      }
      case 'conformance':
        return conformanceMain(rest);
      case 'describe':
        // async: the exit code is set when it is done (after the caller's assignment of 0)
        void describeMain(rest).then((code) => (process.exitCode = code));
        return 0;
      case 'schema':
        void schemaMain(rest).then((code) => (process.exitCode = code));
        return 0;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(USAGE);
        return cmd === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command ${cmd}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`packer-wire: ${e.message}\n${USAGE}`);
      return 2;
    }
    if (isWireError(e)) {
      process.stderr.write(`packer-wire: ${(e as Error).message}\n`);
      return 1;
    }
    throw e;
  }
}

if (process.argv[1] && realpathSync(resolve(process.argv[1])) === realpathSync(fileURLToPath(import.meta.url))) {
  process.exitCode = run(process.argv.slice(2));
}
