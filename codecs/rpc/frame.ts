/**
 * net/rpc messages as ugorji's GoRpc codec writes them: the header (`rpc.Request` or
 * `rpc.Response`, a msgpack map keyed by Go field name) immediately followed by the body. There is
 * no length prefix and no separator; a message ends where its body value ends.
 *
 *   request:  {ServiceMethod: str, Seq: uint}            body
 *   response: {ServiceMethod: str, Seq: uint, Error: str} body   (failed call: Error != "", body `80`)
 */
import { ByteReader } from '../wire/reader.js';
import { ByteWriter } from '../wire/writer.js';
import { WireError } from '../wire/errors.js';
import { G, type GoType } from './gotype.js';
import { compile } from './codec.js';
import { ErrorReplyBody, lookupMethod, type RequestBody, type ResponseBody, type RpcMethodName } from './messages.js';
import * as U from './ugorji.js';

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
export type Direction = 'request' | 'response';

/** Go's rpc.Request / rpc.Response as ugorji sees them (exported fields only). */
export const RequestHeaderType = G.struct('rpc.Request', { ServiceMethod: G.string, Seq: G.uint64 });
export const ResponseHeaderType = G.struct('rpc.Response', { ServiceMethod: G.string, Seq: G.uint64, Error: G.string });

const reqHeader = compile(RequestHeaderType);
const respHeader = compile(ResponseHeaderType);

export interface BodyOptions {
  /** Read/write the body as this Go type instead of the one the method table gives. */
  bodyType?: GoType;
  /** The body's Go type for a method the table does not list (else such a method is a WireError). */
  fallbackBodyType?: GoType;
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

const shared = new ByteWriter(1024);

const seqOf = (w: ByteWriter, seq: bigint | number): bigint => {
  if (typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0) return BigInt(seq);
  if (typeof seq === 'bigint' && seq >= 0n && seq < 1n << 64n) return seq;
  throw new WireError('rpc', w.pos, `seq ${String(seq)} is not a uint64`);
};

/** Kinds whose Go values include nil (so a nil body is their own nil, not a zero value). */
const NILLABLE = new Set<GoType['kind']>(['any', 'ptr', 'slice', 'map', 'bytes', 'time']);

/**
 * A body: net/rpc hands ugorji a pointer, so any body may be nil. `null` for a type without nil
 * writes nil (what a Go client sending `nil` args writes).
 */
function writeBody(w: ByteWriter, t: GoType, body: unknown): void {
  if (body === null && !NILLABLE.has(t.kind)) U.writeNil(w);
  else compile(t).enc(w, body);
}

function readBody(r: ByteReader, t: GoType): { body: unknown; nilBody: boolean } {
  const c = compile(t);
  if (!NILLABLE.has(t.kind) && r.peekByte() === U.M.nil) {
    r.pos++;
    return { body: c.zero(), nilBody: true };
  }
  return { body: c.dec(r, 0), nilBody: false };
}

export function writeRequest(w: ByteWriter, header: { serviceMethod: string; seq: bigint | number }, body: unknown, opts: BodyOptions = {}): void {
  const t = bodyTypeFor('request', header.serviceMethod, '', w.pos, opts);
  reqHeader.enc(w, { ServiceMethod: header.serviceMethod, Seq: seqOf(w, header.seq) });
  writeBody(w, t, body);
}

export function writeResponse(w: ByteWriter, header: { serviceMethod: string; seq: bigint | number; error?: string }, body: unknown, opts: BodyOptions = {}): void {
  const error = header.error ?? '';
  const t = bodyTypeFor('response', header.serviceMethod, error, w.pos, opts);
  respHeader.enc(w, { ServiceMethod: header.serviceMethod, Seq: seqOf(w, header.seq), Error: error });
  writeBody(w, t, body);
}

/** One request message (header + body), as the SDK's client writes it. */
export function encodeRequest<N extends RpcMethodName>(header: { serviceMethod: N; seq: bigint | number }, body: RequestBody<N>, opts?: BodyOptions): Uint8Array;
export function encodeRequest(header: { serviceMethod: string; seq: bigint | number }, body: unknown, opts?: BodyOptions): Uint8Array;
export function encodeRequest(header: { serviceMethod: string; seq: bigint | number }, body: unknown, opts: BodyOptions = {}): Uint8Array {
  writeRequest(shared.reset(), header, body, opts);
  return shared.finish();
}

/** One response message, as the SDK's server writes it. A failed call (error set) writes body `{}` (pass `{}`). */
export function encodeResponse<N extends RpcMethodName>(header: { serviceMethod: N; seq: bigint | number; error?: string }, body: ResponseBody<N>, opts?: BodyOptions): Uint8Array;
export function encodeResponse(header: { serviceMethod: string; seq: bigint | number; error?: string }, body: unknown, opts?: BodyOptions): Uint8Array;
export function encodeResponse(header: { serviceMethod: string; seq: bigint | number; error?: string }, body: unknown, opts: BodyOptions = {}): Uint8Array {
  writeResponse(shared.reset(), header, body, opts);
  return shared.finish();
}

// ---------------------------------------------------------------------------------------------
// decoding

/** Reads a header; with no direction given, a 2-entry map is a request and a 3-entry map a response. */
export function readHeader(r: ByteReader, direction?: Direction): { direction: Direction; header: RequestHeader | ResponseHeader } {
  const at = r.pos;
  if (direction === undefined) {
    const b = r.peekByte();
    if (b === 0x82) direction = 'request';
    else if (b === 0x83) direction = 'response';
    else r.fail(`expected an rpc.Request (2-entry map) or rpc.Response (3-entry map) header, got ${U.describeMarker(b)}`, at);
  }
  if (direction === 'request') {
    const h = reqHeader.dec(r, 0) as { ServiceMethod: string; Seq: bigint };
    return { direction, header: { serviceMethod: h.ServiceMethod, seq: h.Seq } };
  }
  const h = respHeader.dec(r, 0) as { ServiceMethod: string; Seq: bigint; Error: string };
  return { direction: 'response', header: { serviceMethod: h.ServiceMethod, seq: h.Seq, error: h.Error } };
}

/** Reads one whole message (header then body) at r's position. */
export function readMessage(r: ByteReader, direction?: Direction, opts: BodyOptions = {}): RpcMessage {
  const h = readHeader(r, direction);
  const bodyAt = r.pos;
  const err = h.direction === 'response' ? (h.header as ResponseHeader).error : '';
  const t = bodyTypeFor(h.direction, h.header.serviceMethod, err, bodyAt, opts);
  const { body, nilBody } = readBody(r, t);
  const extra = nilBody ? { nilBody } : {};
  return h.direction === 'request'
    ? { direction: 'request', header: h.header as RequestHeader, body, bodyType: t, ...extra }
    : { direction: 'response', header: h.header as ResponseHeader, body, bodyType: t, ...extra };
}

function whole<T>(bytes: Uint8Array, f: (r: ByteReader) => T): T {
  const r = new ByteReader(bytes, 'rpc');
  const out = f(r);
  if (!r.atEnd()) r.fail(`${r.remaining} trailing bytes after the message`);
  return out;
}

/** Decodes exactly one message; its direction is read from the header shape. */
export function decodeMessage(bytes: Uint8Array, opts?: BodyOptions): RpcMessage {
  return whole(bytes, (r) => readMessage(r, undefined, opts));
}

export function decodeRequest(bytes: Uint8Array, opts?: BodyOptions): RpcRequest {
  return whole(bytes, (r) => readMessage(r, 'request', opts) as RpcRequest);
}

export function decodeResponse(bytes: Uint8Array, opts?: BodyOptions): RpcResponse {
  return whole(bytes, (r) => readMessage(r, 'response', opts) as RpcResponse);
}
