/**
 * Test support: fast-check arbitraries for RPC bodies and whole messages, derived from the Go type
 * descriptions, built from small named pieces.
 */
import fc from 'fast-check';
import type { GoType } from '../../codecs/rpc/gotype.js';
import { type AnyValue, GoFloat, GoInt, GoMap, GoRawExt, GoTime, GoUint } from '../../codecs/rpc/values.js';
import { ErrorReplyBody, RPC_METHODS, type RpcMethodName } from '../../codecs/rpc/messages.js';
import type { RpcMessage } from '../../codecs/rpc/frame.js';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** Strings: ASCII, any Unicode (astral included), the str8/str16 size boundaries, odd keys. */
export const goString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '__proto__', 'constructor', '$x', '$$y', 'é', '世界', '🎉') },
  { weight: 1, arbitrary: fc.constantFrom(31, 32, 255, 256, 65535, 65536).map((n) => 'x'.repeat(n)) },
);

/** Byte strings, around the bin8/bin16/bin32 boundaries too. */
export const goBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 5, arbitrary: fc.uint8Array({ maxLength: 16 }) },
  { weight: 1, arbitrary: fc.constantFrom(255, 256, 65535, 65536).map((n) => new Uint8Array(n).fill(7)) },
);

/** Signed integers: biased to the fixint/int8/int16/int32/int64 boundaries. */
export const int64: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: INT64_MIN, max: INT64_MAX }),
  fc.constantFrom(-129, -128, -33, -32, -1, 0, 127, 128, 255, 256, 32767, 32768, 65535, 65536, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1).map(BigInt),
  fc.constantFrom(INT64_MIN, INT64_MAX),
);

export const uint64: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: 0n, max: UINT64_MAX }),
  fc.constantFrom(0, 127, 128, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32).map(BigInt),
  fc.constant(UINT64_MAX),
);

/** Non-zero times in each of ugorji's 4-, 8- and 12-byte forms. */
export const goTime: fc.Arbitrary<GoTime> = fc
  .oneof(
    fc.tuple(fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), fc.constant(0)),
    fc.tuple(fc.bigInt({ min: 0n, max: (1n << 34n) - 1n }), fc.integer({ min: 0, max: 999_999_999 })),
    fc.tuple(fc.bigInt({ min: -(1n << 60n), max: 1n << 60n }), fc.integer({ min: 0, max: 999_999_999 })),
  )
  .map(([s, n]) => new GoTime(s, n))
  .filter((t) => !t.isZero());

export interface ArbOptions {
  /**
   * Only interface{} values whose canonical JSON reads back as the same model: no float32 (Go
   * reads it back as float64) and no non-time ext (Go's codec.RawExt is written as a struct).
   */
  canonicalSafe?: boolean;
}

/** A value of a Go type, as the model holds it. */
export function valueOf(t: GoType, o: ArbOptions = {}): fc.Arbitrary<unknown> {
  switch (t.kind) {
    case 'bool':
      return fc.boolean();
    case 'int':
    case 'uint': {
      if (t.bits === 64) return fc.bigInt(t.kind === 'int' ? { min: INT64_MIN, max: INT64_MAX } : { min: 0n, max: UINT64_MAX });
      const min = t.kind === 'int' ? -(2 ** (t.bits - 1)) : 0;
      const max = t.kind === 'int' ? 2 ** (t.bits - 1) - 1 : 2 ** t.bits - 1;
      return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max, 0, 127, 128));
    }
    case 'float':
      return t.bits === 32 ? fc.float({ noNaN: true }) : fc.double({ noNaN: true });
    case 'string':
      return goString;
    case 'bytes':
      return fc.option(goBytes, { nil: null });
    case 'time':
      return fc.oneof({ weight: 1, arbitrary: fc.constant(GoTime.ZERO) }, { weight: 3, arbitrary: goTime });
    case 'slice':
      return fc.option(fc.array(valueOf(t.elem, o), { maxLength: 4 }), { nil: null });
    case 'map':
      return fc.option(
        fc.uniqueArray(fc.tuple(valueOf(t.key, o), valueOf(t.elem, o)), { selector: (p) => p[0], maxLength: 4 }).map((ps) => new Map(ps)),
        { nil: null },
      );
    case 'ptr':
      return fc.option(valueOf(t.elem, o), { nil: null });
    case 'struct': {
      const rec: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [n, ft] of t.fields) rec[n] = valueOf(ft, o);
      // fc.record builds prototype-less objects; the codec gives plain ones.
      return fc.record(rec).map((r) => ({ ...r }));
    }
    case 'any':
      return o.canonicalSafe ? anyValueCanonicalSafe : anyValue;
  }
}

/**
 * Unsigned integers in an interface{}: ugorji writes 0..127 as a fixint, which reads back as a
 * signed int64, so only values from 128 up come back as GoUint.
 */
const anyUint: fc.Arbitrary<GoUint> = uint64.filter((v) => v >= 128n).map((v) => new GoUint(v));

/** Scalars that can be Go map keys in an interface{} map. */
const anyKey: fc.Arbitrary<AnyValue> = fc.oneof(
  goString,
  int64.map((v) => new GoInt(v)),
  anyUint,
  fc.boolean(),
);

const keyId = (k: AnyValue): string => (typeof k === 'string' ? 's' + k : k instanceof GoInt ? 'i' + k.value : k instanceof GoUint ? 'u' + k.value : String(k));

const commonLeaves: fc.Arbitrary<AnyValue>[] = [
  fc.constant(null),
  fc.boolean(),
  goString,
  goBytes,
  int64.map((v) => new GoInt(v)),
  anyUint,
  fc.double({ noNaN: true }).map((v) => new GoFloat(v, 64)),
  goTime,
];

const onlyOnTheWire: fc.Arbitrary<AnyValue>[] = [
  fc.float({ noNaN: true }).map((v) => new GoFloat(v, 32)),
  fc.tuple(fc.integer({ min: 0, max: 254 }), fc.uint8Array({ maxLength: 20 })).map(([tag, d]) => new GoRawExt(tag, d)),
];

const nested = (leaf: fc.Arbitrary<AnyValue>): fc.Arbitrary<AnyValue> =>
  fc.letrec<{ v: AnyValue }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('v'), { maxLength: 4 }),
      fc.uniqueArray(fc.tuple(anyKey, tie('v')), { selector: (p) => keyId(p[0]), maxLength: 4 }).map((es) => new GoMap(es)),
    ),
  })).v;

/** interface{} values: every scalar kind, slices and maps nested a few levels. */
export const anyValue: fc.Arbitrary<AnyValue> = nested(fc.oneof(...commonLeaves, ...onlyOnTheWire));

/** interface{} values whose canonical JSON reads back as the same model. */
export const anyValueCanonicalSafe: fc.Arbitrary<AnyValue> = nested(fc.oneof(...commonLeaves));

/** A wire ServiceMethod for a table key ("Ui*.Add" becomes "Ui<tracking id>.Add"). */
export const serviceMethodOf = (name: RpcMethodName): fc.Arbitrary<string> =>
  name.startsWith('Ui*.') ? fc.string({ minLength: 1, maxLength: 10 }).map((id) => `Ui${id}${name.slice(3)}`) : fc.constant(name);

export const methodName: fc.Arbitrary<RpcMethodName> = fc.constantFrom(...(Object.keys(RPC_METHODS) as RpcMethodName[]));

export function requestOf(name: RpcMethodName, o: ArbOptions = {}): fc.Arbitrary<RpcMessage> {
  const t = RPC_METHODS[name].request;
  return fc
    .record({ sm: serviceMethodOf(name), seq: uint64, body: valueOf(t, o) })
    .map(({ sm, seq, body }) => ({ direction: 'request', header: { serviceMethod: sm, seq }, body, bodyType: t }));
}

export function responseOf(name: RpcMethodName, o: ArbOptions = {}): fc.Arbitrary<RpcMessage> {
  const t = RPC_METHODS[name].response;
  return fc
    .record({
      sm: serviceMethodOf(name),
      seq: uint64,
      error: fc.option(
        goString.filter((s) => s !== ''),
        { nil: '', freq: 3 },
      ),
      body: valueOf(t, o),
    })
    .map(({ sm, seq, error, body }) =>
      error === ''
        ? { direction: 'response', header: { serviceMethod: sm, seq, error }, body, bodyType: t }
        : { direction: 'response', header: { serviceMethod: sm, seq, error }, body: {}, bodyType: ErrorReplyBody },
    );
}

/** Any request or response of any method in the table. */
export const rpcMessage = (o: ArbOptions = {}): fc.Arbitrary<RpcMessage> => methodName.chain((n) => fc.oneof(requestOf(n, o), responseOf(n, o)));
