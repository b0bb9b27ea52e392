/**
 * The `rpc` family adapter: one whole net/rpc message (header + body) as the SDK's ugorji codec
 * writes it. Context (vectors/README.md): `direction` ("request" | "response"), `serviceMethod`,
 * `bodyType` (Go `%T` of the body the sender encoded).
 *
 * The body is read as the Go type the receiving SDK decodes it into (the method table: the
 * server's argument type for a request, the reply type for a response, net/rpc's empty struct for
 * a failed call), because that is Go's view of the message; a client's `new(interface{})` nil
 * sent to a method whose server takes a struct thus reads as that struct's zero value (and writes
 * back as nil). `bodyType` is used only for a method the table does not list.
 */
import { budgetFor } from '../wire/limits.js';
import type { FamilyCodec, VectorContext } from '../family.js';
import { WireError } from '../wire/errors.js';
import { ByteReader } from '../wire/reader.js';
import type { GoType } from './gotype.js';
import { goTypeByName } from './messages.js';
import { readMessageOf, rpcSlab, writeMessage, type Direction, type RpcMessage } from './frame.js';
import { messageFromCanonical, messageToCanonical } from './canonical.js';

function directionOf(ctx: VectorContext): Direction | undefined {
  const d = ctx['direction'];
  if (d === undefined) return undefined;
  if (d !== 'request' && d !== 'response') throw new WireError('rpc', 0, `context.direction must be "request" or "response", not ${JSON.stringify(d)}`);
  return d;
}

function bodyTypeOf(ctx: VectorContext): GoType | undefined {
  const n = ctx['bodyType'];
  if (typeof n !== 'string') return undefined;
  return goTypeByName(n);
}

export const rpcFamily: FamilyCodec<RpcMessage> = {
  family: 'rpc',
  decode(bytes, ctx, limits) {
    const r = new ByteReader(bytes, 'rpc');
    // without limits, the reader makes the default budget over these bytes when a value first counts
    if (limits !== undefined) r.budget = budgetFor(limits, bytes.length);
    const m = readMessageOf(r, directionOf(ctx), undefined, bodyTypeOf(ctx));
    if (!r.atEnd()) r.fail(`${r.remaining} trailing bytes after the message`);
    const sm = ctx['serviceMethod'];
    if (typeof sm === 'string' && sm !== m.header.serviceMethod) {
      throw new WireError('rpc', 0, `header names ${JSON.stringify(m.header.serviceMethod)}, context says ${JSON.stringify(sm)}`);
    }
    return m;
  },
  encode: (m) => rpcSlab.write(writeMessage, m, undefined, undefined),
  toCanonical: (m) => messageToCanonical(m),
  fromCanonical: (j, ctx) => messageFromCanonical(j, directionOf(ctx), { fallbackBodyType: bodyTypeOf(ctx) }),
};

/** rpc (and later transcript) adapters. */
export const rpcFamilies: FamilyCodec[] = [rpcFamily as FamilyCodec];
