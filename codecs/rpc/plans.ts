/**
 * Per-method plans, built once from the method table, so a message costs no table lookups by
 * string building and no generic header decoding:
 *
 * - the header bytes up to the Seq value (`82|83 ad "ServiceMethod" <name> a3 "Seq"`), written
 *   with one copy;
 * - the compiled body codecs of both directions;
 * - on decode, the ServiceMethod str is matched byte for byte against the table's names (grouped
 *   by length), so a known method never becomes a new JS string; the header's three keys are
 *   compared against their bytes. Anything else (another field order or str form, a bad value,
 *   an unknown key) leaves the fast path, and the generic struct decoder reads the header, with
 *   its refusals.
 */
import type { ByteReader } from '../wire/reader.js';
import { ByteWriter } from '../wire/writer.js';
import type { GoType } from './gotype.js';
import { compile, type CompiledType } from './codec.js';
import { ErrorReplyBody, RPC_METHODS, lookupMethod, type RpcMethod } from './messages.js';
import * as U from './ugorji.js';
import { bytesAt, decodeUtf8, strBytes, wellFormed } from '../msgpack/str.js';

/** Which way a net/rpc message goes: a request (client to server) or a response. */
export type Direction = 'request' | 'response';

/** A body's Go type with its compiled codec. */
export interface BodyPlan {
  readonly type: GoType;
  readonly c: CompiledType;
  /** The Go type has a nil of its own (so a nil body is not a zero value). */
  readonly nillable: boolean;
}

/** Kinds whose Go values include nil (so a nil body is their own nil, not a zero value). */
const NILLABLE = new Set<GoType['kind']>(['any', 'ptr', 'slice', 'map', 'bytes', 'time']);

const bodyPlans = new WeakMap<GoType, BodyPlan>();

export function bodyPlan(t: GoType): BodyPlan {
  let p = bodyPlans.get(t);
  if (!p) {
    p = { type: t, c: compile(t), nillable: NILLABLE.has(t.kind) };
    bodyPlans.set(t, p);
  }
  return p;
}

/** The plan of an error reply's empty body (built on first use). */
export const errorReplyPlan = (): BodyPlan => bodyPlan(ErrorReplyBody);

export const KEY_SERVICE_METHOD = strBytes('ServiceMethod');
export const KEY_SEQ = strBytes('Seq');
export const KEY_ERROR = strBytes('Error');

export interface MethodPlan {
  /** The wire ServiceMethod. */
  readonly name: string;
  /** Its UTF-8 bytes. */
  readonly nameBytes: Uint8Array;
  /** The table entry (undefined for a method the table does not list). */
  readonly method: RpcMethod | undefined;
  readonly req: BodyPlan | undefined;
  readonly resp: BodyPlan | undefined;
  /** Header bytes up to the Seq value; undefined when the name has no UTF-8 form (written the slow way, which refuses it). */
  readonly reqHead: Uint8Array | undefined;
  readonly respHead: Uint8Array | undefined;
}

function head(mapMarker: number, name: string): Uint8Array {
  const w = new ByteWriter(32 + name.length * 3);
  w.writeByte(mapMarker);
  w.writeBytes(KEY_SERVICE_METHOD);
  U.writeStr(w, name);
  w.writeBytes(KEY_SEQ);
  return w.finish();
}

/** UTF-8 of a name (method names are ASCII: no encoder call for them). */
function utf8Of(name: string): Uint8Array {
  const out = new Uint8Array(name.length);
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c > 0x7f) return new TextEncoder().encode(name);
    out[i] = c;
  }
  return out;
}

/**
 * A method's plan. Only the name's bytes are made up front (the table's names are matched
 * against wire bytes); the body codecs and header bytes of each direction are built when first
 * used, so the first message of a process compiles what it needs and nothing of the other
 * methods.
 */
class Plan implements MethodPlan {
  readonly nameBytes: Uint8Array;
  // null: not built yet
  private reqPlan: BodyPlan | undefined | null = null;
  private respPlan: BodyPlan | undefined | null = null;
  private reqBytes: Uint8Array | undefined | null = null;
  private respBytes: Uint8Array | undefined | null = null;

  constructor(
    readonly name: string,
    readonly method: RpcMethod | undefined,
    /** The name has a UTF-8 form (no lone surrogate). */
    private readonly wellFormed: boolean,
  ) {
    this.nameBytes = wellFormed ? utf8Of(name) : new Uint8Array(0);
  }

  get req(): BodyPlan | undefined {
    if (this.reqPlan === null) this.reqPlan = this.method ? bodyPlan(this.method.request) : undefined;
    return this.reqPlan;
  }

  get resp(): BodyPlan | undefined {
    if (this.respPlan === null) this.respPlan = this.method ? bodyPlan(this.method.response) : undefined;
    return this.respPlan;
  }

  get reqHead(): Uint8Array | undefined {
    if (this.reqBytes === null) this.reqBytes = this.wellFormed ? head(0x82, this.name) : undefined;
    return this.reqBytes;
  }

  get respHead(): Uint8Array | undefined {
    if (this.respBytes === null) this.respBytes = this.wellFormed ? head(0x83, this.name) : undefined;
    return this.respBytes;
  }
}

const makePlan = (name: string): MethodPlan => new Plan(name, lookupMethod(name), wellFormed(name));

/** Plans of the table's own names, by UTF-8 length (for matching wire bytes). */
const byLength: MethodPlan[][] = [];
/** Plans by name: the table's, plus others met (progress trackers "Ui<id>.Add", unknown names), bounded. */
const byName = new Map<string, MethodPlan>();
const MAX_EXTRA = 256;

/** How many plans the table itself has (names with a `*` are patterns, planned per call). */
const TABLE_SIZE = Object.keys(RPC_METHODS).filter((n) => !n.includes('*')).length;

/** Indexes the table's names on first use (byName is never empty after), so importing the codec builds nothing; each plan builds its codecs when used. */
function ensureTable(): void {
  if (byName.size !== 0) return;
  for (const name of Object.keys(RPC_METHODS) as (keyof typeof RPC_METHODS)[]) {
    if (name.includes('*')) continue;
    const p = new Plan(name, RPC_METHODS[name], true);
    byName.set(name, p);
    (byLength[p.nameBytes.length] ??= []).push(p);
  }
}

/** Names longer than this (no real method) get a plan per call, never cached. */
const MAX_CACHED_NAME = 128;

/** The plan for a ServiceMethod (cached). */
export function planFor(name: string): MethodPlan {
  ensureTable();
  let p = byName.get(name);
  if (p === undefined) {
    p = makePlan(name);
    if (name.length > MAX_CACHED_NAME) return p;
    if (byName.size >= TABLE_SIZE + MAX_EXTRA) {
      // Drop the extras, keep the table's.
      for (const k of byName.keys()) if (!Object.hasOwn(RPC_METHODS, k)) byName.delete(k);
    }
    byName.set(name, p);
  }
  return p;
}

/** The table plan whose name is buf[p, p+n), if any. */
function internPlan(buf: Uint8Array, p: number, n: number): MethodPlan | undefined {
  ensureTable();
  const cands = byLength[n];
  if (cands === undefined) return undefined;
  for (let i = 0; i < cands.length; i++) {
    const nb = cands[i]!.nameBytes;
    let j = 0;
    while (j < n && buf[p + j] === nb[j]) j++;
    if (j === n) return cands[i];
  }
  return undefined;
}

/** What the last successful readHeaderFast read (read it right after the call). */
export const fast = {
  direction: 'request' as Direction,
  plan: undefined as MethodPlan | undefined,
  seq: 0n,
  error: '',
};

/**
 * Reads a header written as ugorji writes it (keys in declaration order as fixstr, ServiceMethod
 * and Error as fixstr/str8/str16, Seq as a fixint or uint8/16/32) into `fast`; on anything else
 * returns false with r untouched.
 */
export function readHeaderFast(r: ByteReader, direction: Direction | undefined): boolean {
  const buf = r.buf;
  const end = r.end;
  let p = r.pos;
  if (p >= end) return false;
  const m = buf[p]!;
  let dir: Direction;
  if (m === 0x82) dir = 'request';
  else if (m === 0x83) dir = 'response';
  else return false;
  if (direction !== undefined && direction !== dir) return false;
  p++;
  if (!bytesAt(buf, p, end, KEY_SERVICE_METHOD)) return false;
  p += KEY_SERVICE_METHOD.length;
  if (p >= end) return false;
  let b = buf[p]!;
  let n: number;
  if (b >= 0xa0 && b <= 0xbf) {
    n = b & 0x1f;
    p++;
  } else if (b === 0xd9 && p + 1 < end) {
    n = buf[p + 1]!;
    p += 2;
  } else return false;
  if (p + n > end) return false;
  let plan = internPlan(buf, p, n);
  if (plan === undefined) {
    const s = decodeUtf8(buf, p, n);
    if (s === undefined) return false;
    plan = planFor(s);
  }
  p += n;
  if (!bytesAt(buf, p, end, KEY_SEQ)) return false;
  p += KEY_SEQ.length;
  if (p >= end) return false;
  b = buf[p]!;
  let seq: number;
  if (b <= 0x7f) {
    seq = b;
    p++;
  } else if (b === 0xcc && p + 1 < end) {
    seq = buf[p + 1]!;
    p += 2;
  } else if (b === 0xcd && p + 2 < end) {
    seq = (buf[p + 1]! << 8) | buf[p + 2]!;
    p += 3;
  } else if (b === 0xce && p + 4 < end) {
    seq = ((buf[p + 1]! << 24) >>> 0) + ((buf[p + 2]! << 16) | (buf[p + 3]! << 8) | buf[p + 4]!);
    p += 5;
  } else return false;
  let error = '';
  if (dir === 'response') {
    if (!bytesAt(buf, p, end, KEY_ERROR)) return false;
    p += KEY_ERROR.length;
    if (p >= end) return false;
    b = buf[p]!;
    let en: number;
    if (b >= 0xa0 && b <= 0xbf) {
      en = b & 0x1f;
      p++;
    } else if (b === 0xd9 && p + 1 < end) {
      en = buf[p + 1]!;
      p += 2;
    } else if (b === 0xda && p + 2 < end) {
      en = (buf[p + 1]! << 8) | buf[p + 2]!;
      p += 3;
    } else return false;
    if (en > 0) {
      if (p + en > end) return false;
      const s = decodeUtf8(buf, p, en);
      if (s === undefined) return false;
      error = s;
      p += en;
    }
  }
  r.pos = p;
  fast.direction = dir;
  fast.plan = plan;
  fast.seq = BigInt(seq);
  fast.error = error;
  return true;
}
