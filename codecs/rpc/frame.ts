/**
 * net/rpc messages as ugorji's GoRpc codec writes them: the header (`rpc.Request` or
 * `rpc.Response`, a msgpack map keyed by Go field name) immediately followed by the body. There is
 * no length prefix and no separator; a message ends where its body value ends.
 *
 *   request:  {ServiceMethod: str, Seq: uint}            body
 *   response: {ServiceMethod: str, Seq: uint, Error: str} body   (failed call: Error != "", body `80`)
 */
import { ByteReader } from '../wire/reader.js';
import type { ByteWriter } from '../wire/writer.js';
import { WireError } from '../wire/errors.js';
import { G, type GoType } from './gotype.js';
import { compile, type CompiledType } from './codec.js';
import { ErrorReplyBody, lookupMethod, type RequestBody, type ResponseBody, type RpcMethodName } from './messages.js';
import * as U from './ugorji.js';
import { SlabWriter } from '../msgpack/out.js';
import { putBytes } from '../msgpack/str.js';
import { errorReplyPlan, KEY_ERROR, bodyPlan, fast, planFor, readHeaderFast, type BodyPlan, type Direction, type MethodPlan } from './plans.js';

export interface RequestHeader {
  serviceMethod: string;
  seq: bigint;
}

export interface ResponseHeader {
  serviceMethod: string;
  seq: bigint;
  /** "" for success; otherwise the error text and the body is net/rpc's empty struct. */
  error: string;
}

export interface RpcRequest<B = unknown> {
  readonly direction: 'request';
  readonly header: RequestHeader;
  readonly body: B;
  /** The Go type the body was read as. */
  readonly bodyType: GoType;
  /**
   * The body was nil on the wire although its Go type has no nil (a struct, string, number):
   * Go then decodes the zero value, which `body` holds; encoding the message writes nil again.
   */
  readonly nilBody?: boolean;
}

export interface RpcResponse<B = unknown> {
  readonly direction: 'response';
  readonly header: ResponseHeader;
  readonly body: B;
  readonly bodyType: GoType;
  readonly nilBody?: boolean;
}

export type RpcMessage = RpcRequest | RpcResponse;
export type { Direction } from './plans.js';

/** Go's rpc.Request / rpc.Response as ugorji sees them (exported fields only). */
export const RequestHeaderType = G.struct('rpc.Request', { ServiceMethod: G.string, Seq: G.uint64 });
export const ResponseHeaderType = G.struct('rpc.Response', { ServiceMethod: G.string, Seq: G.uint64, Error: G.string });

// compiled on first use (compile() caches): nothing is built at import
const reqHeader = (): CompiledType => compile(RequestHeaderType);
const respHeader = (): CompiledType => compile(ResponseHeaderType);

export interface BodyOptions {
  /** Read/write the body as this Go type instead of the one the method table gives. */
  bodyType?: GoType;
  /** The body's Go type for a method the table does not list (else such a method is a WireError). */
  fallbackBodyType?: GoType;
  /**
   * Decoding: give `[]byte` values (and RawExt data) their own copies. By default they are views
   * into the input bytes (no copy), valid as long as the caller leaves those bytes alone.
   */
  copyBytes?: boolean;
}

/**
 * The Go type of a body: `opts.bodyType`, else net/rpc's empty struct for a failed call, else the
 * table's type for the method and direction (what the serving side decodes into), else
 * `opts.fallbackBodyType`; an unknown method without a fallback is a WireError at `at`.
 */
export function bodyTypeFor(direction: Direction, serviceMethod: string, error: string, at: number, opts: BodyOptions = {}): GoType {
  if (opts.bodyType) return opts.bodyType;
  if (direction === 'response' && error !== '') return ErrorReplyBody;
  const m = lookupMethod(serviceMethod);
  if (m) return direction === 'request' ? m.request : m.response;
  if (opts.fallbackBodyType) return opts.fallbackBodyType;
  throw new WireError('rpc', at, `unknown method ${JSON.stringify(serviceMethod)}`);
}

// ---------------------------------------------------------------------------------------------
// encoding

/** Encoded messages are handed out as views of a slab (see msgpack/out.ts). */
export const rpcSlab = new SlabWriter('rpc');

const badSeq = (w: ByteWriter, seq: unknown): never => {
  throw new WireError('rpc', w.pos, `seq ${String(seq)} is not a uint64`);
};

/** Checks seq is a uint64 (a safe non-negative integer or a bigint below 2^64). */
function checkSeq(w: ByteWriter, seq: bigint | number): void {
  if (typeof seq === 'number') {
    if (!(Number.isSafeInteger(seq) && seq >= 0)) badSeq(w, seq);
  } else if (typeof seq !== 'bigint' || seq < 0n || seq > 0xffffffffffffffffn) badSeq(w, seq);
}

const writeSeq = (w: ByteWriter, seq: bigint | number): void => (typeof seq === 'number' ? U.writeUint(w, seq) : U.writeUint64(w, seq));

/**
 * seq as a number when it is an integer in [0, 2^32) (one BigInt conversion, no BigInt
 * comparisons: the common case), else -1 once checkSeq has found it a uint64 (written by writeSeq).
 */
function seqUint32(w: ByteWriter, seq: bigint | number): number {
  const n = typeof seq === 'bigint' ? Number(seq) : seq;
  if (n >= 0 && n <= 0xffffffff && (typeof seq === 'bigint' || Number.isInteger(n))) return n;
  checkSeq(w, seq);
  return -1;
}

/**
 * A body: net/rpc hands ugorji a pointer, so any body may be nil. `null` for a type without nil
 * writes nil (what a Go client sending `nil` args writes).
 */
function writeBody(w: ByteWriter, p: BodyPlan, body: unknown): void {
  if (body === null && !p.nillable) U.writeNil(w);
  else p.c.enc(w, body);
}

/**
 * The body plan for a write: `bodyType`'s (the method's own plan when it is that type, with no
 * lookup), else as `bodyTypeFor` with `fallback` (unknown method: WireError at w.pos).
 */
function writeBodyPlan(
  w: ByteWriter,
  plan: MethodPlan,
  direction: Direction,
  error: string,
  bodyType: GoType | undefined,
  fallback: GoType | undefined,
): BodyPlan {
  const own = direction === 'request' ? plan.req : plan.resp;
  if (bodyType) return own !== undefined && own.type === bodyType ? own : bodyPlan(bodyType);
  if (direction === 'response' && error !== '') return errorReplyPlan();
  if (own) return own;
  if (fallback) return bodyPlan(fallback);
  throw new WireError('rpc', w.pos, `unknown method ${JSON.stringify(plan.name)}`);
}

export function writeRequest(w: ByteWriter, header: { serviceMethod: string; seq: bigint | number }, body: unknown, opts: BodyOptions = {}): void {
  writeRequestOf(w, header, body, opts.bodyType, opts.fallbackBodyType);
}

/** writeRequest with the options as arguments (no object per call). */
function writeRequestOf(
  w: ByteWriter,
  header: { serviceMethod: string; seq: bigint | number },
  body: unknown,
  bodyType: GoType | undefined,
  fallback: GoType | undefined,
): void {
  const plan = planFor(header.serviceMethod);
  const bp = writeBodyPlan(w, plan, 'request', '', bodyType, fallback);
  const seq = header.seq;
  const seq32 = seqUint32(w, seq);
  if (plan.reqHead) {
    putBytes(w, plan.reqHead);
    if (seq32 >= 0) U.writeUint(w, seq32);
    else writeSeq(w, seq);
  } else reqHeader().enc(w, { ServiceMethod: header.serviceMethod, Seq: BigInt(seq) });
  writeBody(w, bp, body);
}

export function writeResponse(
  w: ByteWriter,
  header: { serviceMethod: string; seq: bigint | number; error?: string },
  body: unknown,
  opts: BodyOptions = {},
): void {
  writeResponseOf(w, header, body, opts.bodyType, opts.fallbackBodyType);
}

/** writeResponse with the options as arguments. */
function writeResponseOf(
  w: ByteWriter,
  header: { serviceMethod: string; seq: bigint | number; error?: string },
  body: unknown,
  bodyType: GoType | undefined,
  fallback: GoType | undefined,
): void {
  const error = header.error ?? '';
  const plan = planFor(header.serviceMethod);
  const bp = writeBodyPlan(w, plan, 'response', error, bodyType, fallback);
  const seq = header.seq;
  const seq32 = seqUint32(w, seq);
  if (plan.respHead && typeof error === 'string') {
    putBytes(w, plan.respHead);
    if (seq32 >= 0) U.writeUint(w, seq32);
    else writeSeq(w, seq);
    putBytes(w, KEY_ERROR);
    U.writeStr(w, error);
  } else respHeader().enc(w, { ServiceMethod: header.serviceMethod, Seq: BigInt(seq), Error: error });
  writeBody(w, bp, body);
}

/** A decoded message written back as its sender wrote it: its body's Go type, a nil body as nil. */
export function writeMessage(w: ByteWriter, m: RpcMessage): void {
  const body = m.nilBody ? null : m.body;
  if (m.direction === 'request') writeRequestOf(w, m.header, body, m.bodyType, undefined);
  else writeResponseOf(w, m.header, body, m.bodyType, undefined);
}

/**
 * One request message (header + body), as the SDK's client writes it. The result's bytes are its
 * own, but it is a view of a shared slab (`slice()` it to own a buffer).
 */
export function encodeRequest<N extends RpcMethodName>(
  header: { serviceMethod: N; seq: bigint | number },
  body: RequestBody<N>,
  opts?: BodyOptions,
): Uint8Array;
export function encodeRequest(header: { serviceMethod: string; seq: bigint | number }, body: unknown, opts?: BodyOptions): Uint8Array;
export function encodeRequest(header: { serviceMethod: string; seq: bigint | number }, body: unknown, opts: BodyOptions = {}): Uint8Array {
  return rpcSlab.write(writeRequest, header, body, opts);
}

/**
 * One response message, as the SDK's server writes it. A failed call (error set) writes body `{}`
 * (pass `{}`). Like encodeRequest, the result is a view of a shared slab.
 */
export function encodeResponse<N extends RpcMethodName>(
  header: { serviceMethod: N; seq: bigint | number; error?: string },
  body: ResponseBody<N>,
  opts?: BodyOptions,
): Uint8Array;
export function encodeResponse(header: { serviceMethod: string; seq: bigint | number; error?: string }, body: unknown, opts?: BodyOptions): Uint8Array;
export function encodeResponse(header: { serviceMethod: string; seq: bigint | number; error?: string }, body: unknown, opts: BodyOptions = {}): Uint8Array {
  return rpcSlab.write(writeResponse, header, body, opts);
}

// ---------------------------------------------------------------------------------------------
// decoding

/** Reads a header; with no direction given, a 2-entry map is a request and a 3-entry map a response. */
export function readHeader(r: ByteReader, direction?: Direction): { direction: Direction; header: RequestHeader | ResponseHeader } {
  if (readHeaderFast(r, direction)) {
    const header =
      fast.direction === 'request' ? { serviceMethod: fast.plan!.name, seq: fast.seq } : { serviceMethod: fast.plan!.name, seq: fast.seq, error: fast.error };
    return { direction: fast.direction, header };
  }
  return readHeaderSlow(r, direction);
}

/** The header as the generic struct decoder reads it (any field order and form; every refusal). */
function readHeaderSlow(r: ByteReader, direction?: Direction): { direction: Direction; header: RequestHeader | ResponseHeader } {
  const at = r.pos;
  if (direction === undefined) {
    const b = r.peekByte();
    if (b === 0x82) direction = 'request';
    else if (b === 0x83) direction = 'response';
    else r.fail(`expected an rpc.Request (2-entry map) or rpc.Response (3-entry map) header, got ${U.describeMarker(b)}`, at);
  }
  if (direction === 'request') {
    const h = reqHeader().dec(r, 0) as { ServiceMethod: string; Seq: bigint };
    return { direction, header: { serviceMethod: h.ServiceMethod, seq: h.Seq } };
  }
  const h = respHeader().dec(r, 0) as { ServiceMethod: string; Seq: bigint; Error: string };
  return { direction: 'response', header: { serviceMethod: h.ServiceMethod, seq: h.Seq, error: h.Error } };
}

/** Reads one whole message (header then body) at r's position. */
export function readMessage(r: ByteReader, direction?: Direction, opts: BodyOptions = {}): RpcMessage {
  if (opts.copyBytes !== true || r.copyBytes) return readMessageOf(r, direction, opts.bodyType, opts.fallbackBodyType);
  const copying = new ByteReader(r.buf, r.codec, r.pos, r.end, r.base, true);
  const m = readMessageOf(copying, direction, opts.bodyType, opts.fallbackBodyType);
  r.pos = copying.pos;
  return m;
}

/**
 * readMessage's work, the options as arguments (no object per call): the body is read as
 * `bodyType` when given, else as bodyTypeFor says with `fallback` for a method the table lacks.
 */
export function readMessageOf(r: ByteReader, direction: Direction | undefined, bodyType: GoType | undefined, fallback: GoType | undefined): RpcMessage {
  let dir: Direction;
  let plan: MethodPlan | undefined;
  let serviceMethod: string;
  let seq: bigint;
  let error = '';
  if (readHeaderFast(r, direction)) {
    dir = fast.direction;
    plan = fast.plan!;
    serviceMethod = plan.name;
    seq = fast.seq;
    error = fast.error;
  } else {
    const h = readHeaderSlow(r, direction);
    dir = h.direction;
    serviceMethod = h.header.serviceMethod;
    seq = h.header.seq;
    if (dir === 'response') error = (h.header as ResponseHeader).error;
  }
  const bodyAt = r.pos;
  let bp: BodyPlan;
  if (bodyType) bp = bodyPlan(bodyType);
  else if (dir === 'response' && error !== '') bp = errorReplyPlan();
  else {
    plan ??= planFor(serviceMethod);
    const b = dir === 'request' ? plan.req : plan.resp;
    if (b) bp = b;
    else if (fallback) bp = bodyPlan(fallback);
    else throw new WireError('rpc', r.base + bodyAt, `unknown method ${JSON.stringify(serviceMethod)}`);
  }
  // A nil body for a type without nil reads as the type's zero value, flagged.
  if (!bp.nillable && bodyAt < r.end && r.buf[bodyAt] === U.M.Nil) {
    r.pos = bodyAt + 1;
    const body = bp.c.zero();
    return dir === 'request'
      ? { direction: 'request', header: { serviceMethod, seq }, body, bodyType: bp.type, nilBody: true }
      : { direction: 'response', header: { serviceMethod, seq, error }, body, bodyType: bp.type, nilBody: true };
  }
  const body = bp.c.dec(r, 0);
  return dir === 'request'
    ? { direction: 'request', header: { serviceMethod, seq }, body, bodyType: bp.type }
    : { direction: 'response', header: { serviceMethod, seq, error }, body, bodyType: bp.type };
}

function whole<T>(bytes: Uint8Array, f: (r: ByteReader) => T): T {
  const r = new ByteReader(bytes, 'rpc');
  const out = f(r);
  if (!r.atEnd()) r.fail(`${r.remaining} trailing bytes after the message`);
  return out;
}

/**
 * Decodes exactly one message; its direction is read from the header shape. `[]byte` values in
 * the body are views of `bytes` unless `opts.copyBytes`.
 */
export function decodeMessage(bytes: Uint8Array, opts?: BodyOptions): RpcMessage {
  return whole(bytes, (r) => readMessage(r, undefined, opts));
}

export function decodeRequest(bytes: Uint8Array, opts?: BodyOptions): RpcRequest {
  return whole(bytes, (r) => readMessage(r, 'request', opts) as RpcRequest);
}

export function decodeResponse(bytes: Uint8Array, opts?: BodyOptions): RpcResponse {
  return whole(bytes, (r) => readMessage(r, 'response', opts) as RpcResponse);
}
