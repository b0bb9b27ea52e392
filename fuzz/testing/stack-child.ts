/**
 * Run by stack.test.ts as `node --stack-size=500 stack-child.js VECTORS_DIR`: every hostile shape
 * that nests, at 999 and 1000 levels (valid up to MAX_DEPTH), through decode, canonical JSON,
 * fromCanonical and encode of each family it targets. Prints one JSON line: the outcomes that are
 * neither a value nor a WireError.
 */
import type { Family } from '../../codecs/family.js';
import { familyCodec } from '../../codecs/families.js';
import { isWireError } from '../../codecs/wire/errors.js';
import { loadSeeds } from '../corpus.js';
import { ALL_SHAPES } from '../shapes/index.js';

const dir = process.argv[2]!;
const problems: string[] = [];
let ran = 0;
for (const shape of ALL_SHAPES) {
  if (!shape.sizes.includes(1000)) continue;
  for (const family of shape.families as Family[]) {
    const c = familyCodec(family);
    if (!c) continue;
    for (const n of [999, 1000]) {
      const made = shape.make(n, family, loadSeeds(dir, family));
      if (!made) continue;
      ran++;
      let stage = 'decode';
      try {
        const m = c.decode(made.bytes, made.ctx);
        stage = 'canonical';
        const j = c.toCanonical(m, made.ctx);
        stage = 'fromCanonical';
        const m2 = c.fromCanonical(j, made.ctx);
        stage = 'encode';
        c.encode(m2, made.ctx);
      } catch (e) {
        if (!isWireError(e)) problems.push(`${shape.name} ${family} ${n} ${stage}: ${(e as Error)?.name}: ${(e as Error)?.message}`);
      }
    }
  }
}
process.stdout.write(JSON.stringify({ ran, problems }) + '\n');
