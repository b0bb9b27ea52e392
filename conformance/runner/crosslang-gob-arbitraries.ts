/**
 * Test support for the cross-language property tests: gob-generic values as canonical GobValue
 * JSON (vectors/README.md), drawn for the Go types the Go helper offers (its `types` request:
 * layouts of basic kinds, composites and internal/gobcases types, by reflect String()).
 *
 * Zero values are drawn freely: Go builds the value from this JSON and gob's own omission rules
 * decide what goes on the wire. A pointer is never nil where gob cannot send nil (top level,
 * slice and map elements); a struct field is either drawn or left out (its zero value).
 */
import fc from 'fast-check';
import { escapeKey, type Json } from '../../codecs/cty/canonical.js';
import type { GoLayout, GoTypes } from './crosslang.js';
import { dictOf } from './crosslang-cty-arbitraries.js';

type Concrete = Exclude<GoLayout, { ref: string }>;

const INT_BITS: Record<string, number> = { int: 64, int8: 8, int16: 16, int32: 32, int64: 64 };
const UINT_BITS: Record<string, number> = { uint: 64, uint8: 8, uint16: 16, uint32: 32, uint64: 64, uintptr: 64 };

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

/** Integers in range, biased to the edges gob's byte-count encoding cares about. */
const signed = (bits: number): fc.Arbitrary<Json> => {
  const max = (1n << BigInt(bits - 1)) - 1n;
  const min = -(1n << BigInt(bits - 1));
  const edges = [0n, 1n, -1n, 127n, 128n, -128n, -129n, 255n, 256n, max, min].filter((x) => x >= min && x <= max);
  return fc.oneof(fc.bigInt({ min, max }), fc.constantFrom(...edges)).map((x) => ({ $int: x.toString() }));
};
const unsigned = (bits: number): fc.Arbitrary<Json> => {
  const max = (1n << BigInt(bits)) - 1n;
  const edges = [0n, 1n, 127n, 128n, 255n, 256n, 65535n, 65536n, max].filter((x) => x <= max);
  return fc.oneof(fc.bigInt({ min: 0n, max }), fc.constantFrom(...edges)).map((x) => ({ $uint: x.toString() }));
};

const floatText = (f: number): string => (Number.isNaN(f) ? 'NaN' : f === Infinity ? '+Inf' : f === -Infinity ? '-Inf' : Object.is(f, -0) ? '-0' : String(f));
const float64 = fc.double().map(floatText);
const float32 = fc.float().map(floatText);

/** Go strings: any Unicode, and byte strings that are not valid UTF-8. */
const goStringNode: fc.Arbitrary<Json> = fc.oneof(
  { weight: 5, arbitrary: fc.string({ maxLength: 10 }).map((s) => ({ $string: s })) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }).map((s) => ({ $string: s })) },
  {
    weight: 1,
    arbitrary: fc
      .uint8Array({ minLength: 1, maxLength: 8 })
      .filter((b) => !isUtf8(b))
      .map((b) => ({ $stringBytes: b64(b) })),
  },
);

const utf8 = new TextDecoder('utf-8', { fatal: true });
function isUtf8(b: Uint8Array): boolean {
  try {
    utf8.decode(b);
    return true;
  } catch {
    return false;
  }
}

/** Draws GobValue nodes for the helper's Go types. */
export class GobValueArbitraries {
  private readonly memo = new Map<string, fc.Arbitrary<Json>>();
  private readonly ifaceNames: readonly string[];

  constructor(
    private readonly go: GoTypes,
    /** Container and pointer nesting allowed below a value (recursive types stop there). */
    private readonly maxDepth = 3,
  ) {
    this.ifaceNames = Object.keys(go.registered).filter((n) => this.drawable(go.registered[n]!, new Set()));
  }

  private resolve(l: GoLayout): Concrete {
    let x = l;
    for (let i = 0; 'ref' in x; i++) {
      const t = this.go.types[x.ref];
      if (!t || i > 100) throw new Error(`Go type ${x.ref} has no layout`);
      x = t;
    }
    return x;
  }

  /** Whether some value of the type can be drawn (needs no self-marshalling part). */
  drawable(l: GoLayout, seen: Set<string>): boolean {
    if ('ref' in l) {
      if (seen.has(l.ref)) return true;
      seen = new Set(seen).add(l.ref);
    }
    const c = this.resolve(l);
    switch (c.kind) {
      case 'unsupported':
        return false;
      case 'array':
        return c.len === 0 || this.drawable(c.elem, seen);
      case 'slice':
      case 'ptr':
        return this.drawable(c.elem, seen);
      case 'map':
        return this.drawable(c.key, seen) && this.drawable(c.elem, seen);
      default:
        return true;
    }
  }

  /** Root type names whose values can be drawn. */
  roots(): string[] {
    return this.go.roots.filter((n) => this.drawable(this.go.types[n] ?? { kind: 'unsupported', type: n }, new Set()));
  }

  /** A value of the named root type. */
  valueOf(root: string): fc.Arbitrary<Json> {
    const l = this.go.types[root];
    if (!l) throw new Error(`unknown root type ${root}`);
    return this.node(l, 0);
  }

  private node(l: GoLayout, depth: number): fc.Arbitrary<Json> {
    const key = `${depth}:${'ref' in l ? 'ref:' + l.ref : JSON.stringify(l)}`;
    let a = this.memo.get(key);
    if (!a) {
      // Recursive types refer to themselves through `ref`: tie the knot lazily.
      a = fc.constant(null).chain(() => this.build(this.resolve(l), depth));
      this.memo.set(key, a);
    }
    return a;
  }

  private build(c: Concrete, depth: number): fc.Arbitrary<Json> {
    const deeper = depth < this.maxDepth;
    const count = deeper ? 3 : 0;
    switch (c.kind) {
      case 'bool':
        return fc.boolean().map((b) => ({ $bool: b }));
      case 'int':
      case 'int8':
      case 'int16':
      case 'int32':
      case 'int64':
        return signed(INT_BITS[c.kind]!);
      case 'uint':
      case 'uint8':
      case 'uint16':
      case 'uint32':
      case 'uint64':
      case 'uintptr':
        return unsigned(UINT_BITS[c.kind]!);
      case 'float64':
        return float64.map((s) => ({ $float: s }));
      case 'float32':
        return float32.map((s) => ({ $float: s }));
      case 'complex128':
        return fc.tuple(float64, float64).map((p) => ({ $complex: p }));
      case 'complex64':
        return fc.tuple(float32, float32).map((p) => ({ $complex: p }));
      case 'string':
        return goStringNode;
      case 'bytes':
        return fc.uint8Array({ maxLength: 12 }).map((b) => ({ $bytes: b64(b) }));
      case 'array':
        return fc.array(this.node(c.elem, depth + 1), { minLength: c.len, maxLength: c.len }).map((es) => ({ $array: es }));
      case 'slice':
        return fc.array(this.node(c.elem, depth + 1), { maxLength: count }).map((es) => ({ $slice: es }));
      case 'map':
        return fc
          .uniqueArray(fc.tuple(this.node(c.key, depth + 1), this.node(c.elem, depth + 1)), { selector: (p) => JSON.stringify(p[0]), maxLength: count })
          .map((ps) => ({ $map: ps }));
      case 'ptr':
        return this.node(c.elem, depth + 1);
      case 'struct': {
        const fields = c.fields.filter((f) => this.drawable(f.type, new Set()));
        // A field is drawn, or left out (its zero value); pointer and recursive fields stop at maxDepth.
        const rec: Record<string, fc.Arbitrary<Json>> = {};
        for (const f of fields) if (deeper || !this.stopsAtDepth(f.type)) rec[f.name] = this.node(f.type, depth + 1);
        return fc
          .record(rec, { requiredKeys: [] })
          .map((r) => ({ $struct: { name: c.wireName, fields: dictOf(Object.entries(r).map(([k, v]) => [escapeKey(k), v as Json])) } }));
      }
      case 'interface': {
        const names = c.accepts.filter((n) => this.ifaceNames.includes(n));
        if (!deeper || names.length === 0) return fc.constant({ $interface: null });
        return fc.oneof(
          { weight: 1, arbitrary: fc.constant<Json>({ $interface: null }) },
          {
            weight: 4,
            arbitrary: fc
              .constantFrom(...names)
              .chain((name) => this.node(this.go.registered[name]!, depth + 1).map((value) => ({ $interface: { name, value } }))),
          },
        );
      }
      case 'unsupported':
        throw new Error(`cannot draw a value of ${c.type}`);
    }
  }

  /** Pointers and named composites (possibly recursive) are left out below maxDepth. */
  private stopsAtDepth(l: GoLayout): boolean {
    const c = this.resolve(l);
    return c.kind === 'ptr' || c.kind === 'slice' || c.kind === 'map' || c.kind === 'interface' || 'ref' in l;
  }

  /** One to three top-level values of drawable root types: [goTypes, {"values": [...]}]. */
  stream(roots: readonly string[] = this.roots()): fc.Arbitrary<{ goTypes: string[]; canonical: Json }> {
    const one = fc.constantFrom(...roots).chain((t) => this.valueOf(t).map((v) => [t, v] as const));
    return fc.array(one, { minLength: 1, maxLength: 3 }).map((vs) => ({ goTypes: vs.map((v) => v[0]), canonical: { values: vs.map((v) => v[1]) } }));
  }
}
