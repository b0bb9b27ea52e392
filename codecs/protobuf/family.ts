/**
 * The `proto-spec` family adapter (vectors/README.md), two kinds told apart by `context.kind`:
 *
 * - "accept": file = protobuf `Spec` bytes Go marshalled; model = the Spec our decoder reads
 *   (Go's FromProto result); encode = our protobuf bytes (sorted map keys).
 * - "reject": file = the canonical Spec JSON Go's ToProto was given; decode parses it and runs
 *   our ToProto, and the model keeps the spec with our refusal text; canonical = {"error": text}
 *   (or {"accepted": spec} when we accept what Go refused, so the runner shows the difference);
 *   encode writes the spec back as canonical JSON text in the Go harness's own layout, so the
 *   runner's byte-exact check holds, and a re-decode reruns the refusal on what we wrote.
 */
import type { FamilyCodec, VectorContext } from '../family.js';
import { WireError } from '../wire/errors.js';
import type { Spec } from '../hclspec/model.js';
import { specFromCanonical, specToCanonical } from '../hclspec/canonical.js';
import { toProtoRefusal } from '../hclspec/to-proto.js';
import { decodeSpecProto, encodeSpecProto } from './spec.js';
import { goJsonText } from './go-json-text.js';

export type ProtoSpecVector =
  | { readonly kind: 'accept'; readonly spec: Spec }
  /** `spec` is null when the model came from a canonical {"error"} alone. */
  | { readonly kind: 'reject'; readonly spec: Spec | null; readonly error: string | null };

const isReject = (ctx: VectorContext): boolean => ctx['kind'] === 'reject';
const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch (e) {
    throw new WireError('canonical', 0, `rejection vector file is not JSON: ${(e as Error).message}`);
  }
}

const rejection = (spec: Spec): ProtoSpecVector => ({ kind: 'reject', spec, error: toProtoRefusal(spec) });

export const protoSpecFamily: FamilyCodec<ProtoSpecVector> = {
  family: 'proto-spec',
  decode(bytes, ctx, limits) {
    if (isReject(ctx)) return rejection(specFromCanonical(parseJson(bytes)));
    return { kind: 'accept', spec: decodeSpecProto(bytes, limits) };
  },
  encode(model) {
    if (model.kind === 'accept') return encodeSpecProto(model.spec);
    if (model.spec === null) throw new WireError('canonical', 0, 'a rejection known only by its error text has no spec to write');
    return new TextEncoder().encode(goJsonText(specToCanonical(model.spec)));
  },
  toCanonical(model) {
    if (model.kind === 'accept') return specToCanonical(model.spec);
    if (model.error === null && model.spec !== null) return { accepted: specToCanonical(model.spec) };
    return { error: model.error };
  },
  fromCanonical(json, ctx) {
    if (!isReject(ctx)) return { kind: 'accept', spec: specFromCanonical(json) };
    const o = json as Record<string, unknown> | null;
    if (o && typeof o === 'object' && Object.keys(o).length === 1 && typeof o['error'] === 'string') return { kind: 'reject', spec: null, error: o['error'] };
    return rejection(specFromCanonical(json));
  },
};

export const protoFamilies: FamilyCodec[] = [protoSpecFamily as FamilyCodec];
