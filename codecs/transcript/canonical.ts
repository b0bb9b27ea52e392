/**
 * TranscriptModel <-> canonical JSON (vectors/README.md, family `transcript`):
 *
 *   {"calls": [{"stream": n, "yamuxStream": n, "caller": "host"|"plugin", "serviceMethod": s,
 *               "seq": n, "request": RpcValue, "response": RpcValue|null, "hasResponse": b,
 *               "error": s}, …]}
 *
 * Bodies are the rpc codec's canonical RpcValue of the Go type the receiving SDK decodes into;
 * an error reply's body is read as `interface{}` (`{"$map": []}` for net/rpc's empty struct).
 * From canonical JSON, a model without a recorded layout is built: one yamux stream per
 * `yamuxStream`, opened by the caller, whose broker id is `stream`.
 */
import { WireError } from '../wire/errors.js';
import { compile } from '../rpc/codec.js';
import { bodyTypeFor, type RpcMessage, type RpcRequest, type RpcResponse } from '../rpc/frame.js';
import { G } from '../rpc/gotype.js';
import type { Json } from '../rpc/any.js';
import { isObject } from '../rpc/canon-util.js';
import type { Side, TranscriptCall, TranscriptModel, TranscriptStream } from './model.js';

const bodyToCanonical = (m: RpcMessage): Json => compile(m.bodyType).toJ(m.body);

/** A seq as canonical JSON: a number, or a decimal string past 2^53. */
const seqJson = (seq: bigint): number | string => (seq <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(seq) : seq.toString());

export function transcriptToCanonical(model: TranscriptModel): { calls: Json[] } {
  return {
    calls: model.calls.map((c) => ({
      stream: c.stream,
      yamuxStream: c.yamuxStream,
      caller: c.caller,
      serviceMethod: c.request.header.serviceMethod,
      seq: seqJson(c.request.header.seq),
      request: bodyToCanonical(c.request),
      response: c.response ? bodyToCanonical(c.response) : null,
      hasResponse: c.response !== null,
      error: c.response?.header.error ?? '',
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// canonical -> model

const CALL_KEYS = ['stream', 'yamuxStream', 'caller', 'serviceMethod', 'seq', 'request', 'response', 'hasResponse', 'error'];

const bad = (path: string, reason: string): never => {
  throw new WireError('canonical', 0, `${path}: ${reason}`);
};

function uint32(j: unknown, path: string): number {
  if (typeof j !== 'number' || !Number.isInteger(j) || j < 0 || j > 0xffffffff) return bad(path, `expected a uint32, got ${JSON.stringify(j)}`);
  return j;
}

function uint64(j: unknown, path: string): bigint {
  if (typeof j === 'number' && Number.isSafeInteger(j) && j >= 0) return BigInt(j);
  if (typeof j === 'string' && /^(0|[1-9][0-9]*)$/.test(j) && BigInt(j) < 1n << 64n) return BigInt(j);
  return bad(path, `expected a uint64 (number or decimal string), got ${JSON.stringify(j)}`);
}

function str(j: unknown, path: string): string {
  if (typeof j !== 'string') return bad(path, `expected a string, got ${JSON.stringify(j)}`);
  return j;
}

/** The rpc codec's unknown-method WireError is a canonical-input problem here. */
function asCanonical<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof WireError && e.codec !== 'canonical') throw new WireError('canonical', 0, e.reason);
    throw e;
  }
}

function callFromCanonical(j: unknown, path: string): { call: TranscriptCall; yamux: number } {
  if (!isObject(j)) return bad(path, 'expected a call object');
  for (const k of Object.keys(j)) if (!CALL_KEYS.includes(k)) bad(path, `unknown key ${JSON.stringify(k)}`);
  for (const k of CALL_KEYS) if (!(k in j)) bad(path, `missing key ${JSON.stringify(k)}`);
  const stream = uint32(j['stream'], `${path}.stream`);
  const yamuxStream = uint32(j['yamuxStream'], `${path}.yamuxStream`);
  const caller = j['caller'];
  if (caller !== 'host' && caller !== 'plugin') return bad(`${path}.caller`, `expected "host" or "plugin", got ${JSON.stringify(caller)}`);
  if (yamuxStream === 0 || (yamuxStream % 2 === 1) !== (caller === 'host')) {
    bad(`${path}.yamuxStream`, `yamux stream ${yamuxStream} is not one the ${caller} opens (host: odd, plugin: even, never 0)`);
  }
  const serviceMethod = str(j['serviceMethod'], `${path}.serviceMethod`);
  const seq = uint64(j['seq'], `${path}.seq`);
  const error = str(j['error'], `${path}.error`);
  const hasResponse = j['hasResponse'];
  if (typeof hasResponse !== 'boolean') return bad(`${path}.hasResponse`, 'expected a bool');

  const reqType = asCanonical(() => bodyTypeFor('request', serviceMethod, '', 0));
  const request: RpcRequest = {
    direction: 'request',
    header: { serviceMethod, seq },
    body: asCanonical(() => compile(reqType).fromJ(j['request'], `${path}.request`)),
    bodyType: reqType,
  };
  let response: RpcResponse | null = null;
  if (!hasResponse) {
    if (j['response'] !== null) bad(`${path}.response`, 'a call without a response has response null');
    if (error !== '') bad(`${path}.error`, 'a call without a response has no error');
  } else {
    const respType = error !== '' ? G.any : asCanonical(() => bodyTypeFor('response', serviceMethod, '', 0));
    response = {
      direction: 'response',
      header: { serviceMethod, seq, error },
      body: asCanonical(() => compile(respType).fromJ(j['response'], `${path}.response`)),
      bodyType: respType,
    };
  }
  return { call: { stream, yamuxStream, caller: caller as Side, request, response, position: null }, yamux: yamuxStream };
}

export function transcriptFromCanonical(j: unknown): TranscriptModel {
  if (!isObject(j)) return bad('$', 'expected {"calls": [...]}');
  for (const k of Object.keys(j)) if (k !== 'calls') bad('$', `unknown key ${JSON.stringify(k)}`);
  const list = j['calls'];
  if (!Array.isArray(list)) return bad('$.calls', 'expected an array');
  const streams = new Map<number, TranscriptStream>();
  const seqs = new Map<number, Set<bigint>>();
  const calls = list.map((cj, i) => {
    const path = `$.calls[${i}]`;
    const { call } = callFromCanonical(cj, path);
    let st = streams.get(call.yamuxStream);
    if (!st) {
      st = {
        yamuxId: call.yamuxStream,
        opener: call.caller,
        brokerId: call.stream,
        ack: call.stream,
        kind: 'rpc',
        partialPrefix: { host: new Uint8Array(0), plugin: new Uint8Array(0) },
        requests: [],
        responses: [],
        raw: { host: new Uint8Array(0), plugin: new Uint8Array(0) },
        commandFinished: null,
        firstRecord: -1,
      };
      streams.set(call.yamuxStream, st);
      seqs.set(call.yamuxStream, new Set());
    } else if (st.opener !== call.caller || st.brokerId !== call.stream) {
      bad(path, `yamux stream ${call.yamuxStream} was opened by the ${st.opener} as broker stream ${st.brokerId}, not by the ${call.caller} as ${call.stream}`);
    }
    const seen = seqs.get(call.yamuxStream)!;
    if (seen.has(call.request.header.seq)) bad(`${path}.seq`, `a second call with Seq ${call.request.header.seq} on yamux stream ${call.yamuxStream}`);
    seen.add(call.request.header.seq);
    st.requests.push(call.request);
    if (call.response) st.responses.push(call.response);
    return call;
  });
  return { streams: [...streams.values()], calls, layout: null };
}
