/**
 * Decode limits: what one decode call may cost, whatever the input says. Valid input can still be
 * expensive (a million one-byte values, a number whose decimal form has 600,000 digits, a list
 * whose length a few bytes declare), so every decoder counts its work against a budget made for
 * the call and throws a WireError naming the limit when it runs out.
 *
 * The limits are per decode call, never per value (a thousand values each just under a per-value
 * cap cost a thousand times as much). Callers who trust their input raise them:
 *
 *   decode('msgpack-value', bytes, ctx, { maxValues: 10_000_000, valuesPerInputByte: 1, maxRetainedBytes: 2 ** 30 });
 *
 * Defaults (DEFAULT_LIMITS) bound a decode's time (fuzz/worst.ts measures the costliest 64 KiB
 * inputs) and what it retains: at most 10 x its input plus a fixed 512 KiB allowance for tiny
 * inputs. Each value created is charged a conservative estimate of the heap it keeps
 * (RETAINED_BYTES, measured on V8), and a decode whose estimate passes maxRetainedBytes +
 * retainedBytesPerInputByte x input is refused (codecs/wire/README.md).
 */
import { WireError, type CodecName } from './errors.js';

/** The WireError of input that is refused only because it costs more than a decode limit allows. */
export class DecodeLimitError extends WireError {
  constructor(
    codec: CodecName,
    offset: number,
    reason: string,
    /** the DecodeLimits key that refused it */
    readonly limit: keyof DecodeLimits,
  ) {
    super(codec, offset, reason);
  }
}

export interface DecodeLimits {
  /**
   * Values (every scalar, string, container, map entry, struct, record) one call may produce:
   * `maxValues` plus `valuesPerInputByte` for each input byte. A JS value costs 50-150 bytes of
   * heap, so a cap proportional to the input keeps large inputs of tiny values (1 MB of msgpack
   * fixints) from growing a hundredfold.
   */
  readonly maxValues: number;
  readonly valuesPerInputByte: number;
  /** Significant digits in one number's text (go-cty parses any number of digits). */
  readonly maxNumberDigits: number;
  /** |decimal exponent| of one number's value (1e-1001 is refused at 1000). */
  readonly maxNumberExponent: number;
  /**
   * Sum over all numbers of one call of how far their |decimal exponent| goes past 20 (writing
   * such a number out costs time and text in proportion; smaller ones are free).
   */
  readonly maxNumberExponentSum: number;
  /** Precision in bits of one number (go-cty uses 512, 64 and 53; gob can carry any). */
  readonly maxNumberPrecision: number;
  /** Elements over all sets built by one call (each needs hashing and ordering). */
  readonly maxSetElements: number;
  /**
   * Estimated heap one call may retain: `maxRetainedBytes` (a fixed allowance, so tiny inputs
   * with a few deep values pass) plus `retainedBytesPerInputByte` for each input byte. Every value
   * created is charged RETAINED_BYTES, an upper estimate of what V8 keeps for it.
   */
  readonly maxRetainedBytes: number;
  readonly retainedBytesPerInputByte: number;
}

/**
 * Conservative heap cost charged per created value, measured on V8 (node 20, heap after a full GC;
 * fuzz/worst.ts checks it): an empty cty map or JSON object keeps ~192 B, a list element holding a
 * distinct decimal ~250 B, a set element ~130 B on top of its value, a gob empty struct ~81 B.
 * Strings keep about their length (under the 10 x input rate), so they cost one value.
 */
export const RETAINED_BYTES = Object.freeze({
  /** any value: scalar, string, container, struct, record, map entry half */
  value: 208,
  /** a distinct number on top of its value (equal number texts of one call share one number) */
  number: 128,
  /** a set element on top of its value (its hash and ordering entry) */
  setElement: 128,
  /** per byte of a type's JSON text carried in the input (a dynamic value's type objects) */
  typeTextByte: 8,
  /** a protobuf message of a spec (most are wrappers; an empty object spec keeps ~57 B) */
  protobufMessage: 64,
});

export const DEFAULT_LIMITS: DecodeLimits = Object.freeze({
  maxValues: 65_536,
  valuesPerInputByte: 1 / 16,
  maxNumberDigits: 1000,
  maxNumberExponent: 1000,
  maxNumberExponentSum: 100_000,
  maxNumberPrecision: 4096,
  maxSetElements: 65_536,
  maxRetainedBytes: 512 * 1024,
  retainedBytesPerInputByte: 10,
});

/** What a caller passes: any subset of the limits; the rest are the defaults. */
export type DecodeOptions = Partial<DecodeLimits>;

/** Fills in the defaults and checks the caller's numbers. */
export function decodeLimits(opts?: DecodeOptions): DecodeLimits {
  if (!opts) return DEFAULT_LIMITS;
  const l = { ...DEFAULT_LIMITS, ...opts };
  for (const [k, v] of Object.entries(l)) {
    if (typeof v !== 'number' || Number.isNaN(v) || v < 0) throw new TypeError(`decode limit ${k} must be a non-negative number, got ${String(v)}`);
  }
  return l;
}

/**
 * The running count of one decode call. Made by the top-level decode function (one per call) and
 * handed down to every nested decoder of that call.
 */
export class DecodeBudget {
  readonly limits: DecodeLimits;
  readonly valueCap: number;
  values = 0;
  numberExponentSum = 0;
  setElements = 0;
  /** bytes the values counted so far are estimated to retain (RETAINED_BYTES each) */
  retained = 0;
  readonly retainedCap: number;
  /**
   * Immutable values this call hands out more than once, by a key naming their content (a cty
   * number by its text): a thousand `0.1`s in one input are one number, retained once. Lives as
   * long as the call's budget.
   */
  readonly shared = new Map<string, unknown>();

  constructor(opts: DecodeOptions | DecodeLimits | undefined, inputLength: number) {
    this.limits = decodeLimits(opts);
    this.valueCap = Math.floor(this.limits.maxValues + this.limits.valuesPerInputByte * inputLength);
    this.retainedCap = Math.floor(this.limits.maxRetainedBytes + this.limits.retainedBytesPerInputByte * inputLength);
  }

  /** The WireError of a call whose values are estimated to retain more than retainedCap. */
  private refuseRetained(codec: CodecName, offset: number): never {
    const l = this.limits;
    throw new DecodeLimitError(
      codec,
      offset,
      `decoded values would retain about ${this.retained} bytes, more than ${this.retainedCap} (limit maxRetainedBytes ${l.maxRetainedBytes} + retainedBytesPerInputByte ${l.retainedBytesPerInputByte} per input byte)`,
      'maxRetainedBytes',
    );
  }

  /**
   * Counts n more values; throws a WireError naming the limit when the call has too many. `kept`
   * of them (all, unless told) are charged `each` (RETAINED_BYTES.value) against maxRetainedBytes: a
   * container that counts itself with its elements passes its element count, since its parent
   * already charged it as one of its own elements.
   */
  addValues(n: number, codec: CodecName, offset: number, kept = n, each: number = RETAINED_BYTES.value): void {
    this.values += n;
    if (this.values > this.valueCap) {
      throw new DecodeLimitError(
        codec,
        offset,
        `too many values for one decode: more than ${this.valueCap} (limit maxValues ${this.limits.maxValues} + valuesPerInputByte ${this.limits.valuesPerInputByte} per input byte)`,
        'maxValues',
      );
    }
    this.retained += kept * each;
    if (this.retained > this.retainedCap) this.refuseRetained(codec, offset);
  }

  /** Counts n more set elements against maxSetElements. */
  addSetElements(n: number, codec: CodecName, offset: number): void {
    this.setElements += n;
    if (this.setElements > this.limits.maxSetElements) {
      throw new DecodeLimitError(
        codec,
        offset,
        `too many set elements for one decode: more than ${this.limits.maxSetElements} (limit maxSetElements)`,
        'maxSetElements',
      );
    }
    this.retained += n * RETAINED_BYTES.setElement;
    if (this.retained > this.retainedCap) this.refuseRetained(codec, offset);
  }

  /** Charges a type parsed from `textBytes` bytes of type JSON in the input (RETAINED_BYTES.typeTextByte each). */
  addTypeText(textBytes: number, codec: CodecName, offset: number): void {
    this.retained += textBytes * RETAINED_BYTES.typeTextByte;
    if (this.retained > this.retainedCap) this.refuseRetained(codec, offset);
  }

  /** Charges one newly made number (RETAINED_BYTES.number) against maxRetainedBytes. */
  addNumber(codec: CodecName, offset: number): void {
    this.retained += RETAINED_BYTES.number;
    if (this.retained > this.retainedCap) this.refuseRetained(codec, offset);
  }

  /**
   * Checks one number's size against the number limits: `digits` significant digits of its text
   * (0 when it had none), `exponent` its decimal exponent (the power of ten of its leading digit),
   * `prec` its precision in bits.
   */
  checkNumber(digits: number, exponent: number, prec: number, codec: CodecName, offset: number): void {
    const l = this.limits;
    if (digits > l.maxNumberDigits)
      throw new DecodeLimitError(codec, offset, `number has ${digits} significant digits (limit maxNumberDigits ${l.maxNumberDigits})`, 'maxNumberDigits');
    const e = Math.abs(exponent);
    if (e > l.maxNumberExponent)
      throw new DecodeLimitError(
        codec,
        offset,
        `number exponent ${exponent} is out of range (limit maxNumberExponent ${l.maxNumberExponent})`,
        'maxNumberExponent',
      );
    if (prec > l.maxNumberPrecision)
      throw new DecodeLimitError(
        codec,
        offset,
        `number precision ${prec} bits is too high (limit maxNumberPrecision ${l.maxNumberPrecision})`,
        'maxNumberPrecision',
      );
    if (e > 20) this.numberExponentSum += e - 20;
    if (this.numberExponentSum > l.maxNumberExponentSum) {
      throw new DecodeLimitError(
        codec,
        offset,
        `numbers too large for one decode: decimal exponents past 20 sum to more than ${l.maxNumberExponentSum} (limit maxNumberExponentSum)`,
        'maxNumberExponentSum',
      );
    }
  }
}

/** The budget of a call: the one given (a nested decode shares its caller's), or a new one. */
export function budgetFor(opts: DecodeOptions | DecodeBudget | undefined, inputLength: number): DecodeBudget {
  return opts instanceof DecodeBudget ? opts : new DecodeBudget(opts, inputLength);
}
