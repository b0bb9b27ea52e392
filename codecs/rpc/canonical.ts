/**
 * Whole RPC messages <-> canonical JSON `{"header": RpcValue, "body": RpcValue}`
 * (vectors/README.md, family `rpc`).
 */
import { compile, type CompiledType } from './codec.js';
import {
  bodyTypeFor,
  RequestHeaderType,
  ResponseHeaderType,
  type BodyOptions,
  type Direction,
  type RpcMessage,
  type RequestHeader,
  type ResponseHeader,
} from './frame.js';
import type { Json } from './any.js';
import { badCanonical, isObject } from './canon-util.js';
import { WireError } from '../wire/errors.js';

// compiled on first use (compile() caches): nothing is built at import
const reqHeader = (): CompiledType => compile(RequestHeaderType);
const respHeader = (): CompiledType => compile(ResponseHeaderType);

export function messageToCanonical(m: RpcMessage): Json {
  const header =
    m.direction === 'request'
      ? reqHeader().toJ({ ServiceMethod: m.header.serviceMethod, Seq: m.header.seq })
      : respHeader().toJ({ ServiceMethod: m.header.serviceMethod, Seq: m.header.seq, Error: m.header.error });
  return { header, body: compile(m.bodyType).toJ(m.body) };
}

/**
 * Canonical JSON -> message. The direction is `direction` when given, else told by the header
 * (an `Error` key makes it a response). The body type is chosen as by `bodyTypeFor`.
 */
export function messageFromCanonical(j: unknown, direction?: Direction, opts: BodyOptions = {}): RpcMessage {
  if (!isObject(j) || !('header' in j) || !('body' in j)) return badCanonical('$', 'expected {"header", "body"}');
  const hj = j['header'];
  const dir: Direction = direction ?? (isObject(hj) && 'Error' in hj ? 'response' : 'request');
  try {
    if (dir === 'request') {
      const h = reqHeader().fromJ(hj, '$.header') as { ServiceMethod: string; Seq: bigint };
      const header: RequestHeader = { serviceMethod: h.ServiceMethod, seq: h.Seq };
      const t = bodyTypeFor('request', header.serviceMethod, '', 0, opts);
      return { direction: 'request', header, body: compile(t).fromJ(j['body'], '$.body'), bodyType: t };
    }
    const h = respHeader().fromJ(hj, '$.header') as { ServiceMethod: string; Seq: bigint; Error: string };
    const header: ResponseHeader = { serviceMethod: h.ServiceMethod, seq: h.Seq, error: h.Error };
    const t = bodyTypeFor('response', header.serviceMethod, header.error, 0, opts);
    return { direction: 'response', header, body: compile(t).fromJ(j['body'], '$.body'), bodyType: t };
  } catch (e) {
    // An unknown method is a canonical-input problem here, not a wire one.
    if (e instanceof WireError && e.codec === 'rpc') throw new WireError('canonical', 0, e.reason);
    throw e;
  }
}
