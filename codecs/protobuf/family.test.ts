import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { isWireError, WireError } from '../wire/errors.js';
import { protoSpecFamily } from './family.js';
import { canonicalDiff } from '../../testkit/compare.js';

const sameJson = (a: unknown, b: unknown) => assert.is(canonicalDiff(a, b), null);

const reject = { kind: 'reject' } as const;
const accept = { kind: 'accept' } as const;
const onlyWireErrors = (f: () => unknown): void => {
  try {
    f();
  } catch (e) {
    if (!isWireError(e)) throw e;
  }
};

test('reject kind: bad JSON and non-spec JSON are WireErrors (canonical)', () => {
  for (const text of ['', '{', '[1]', '{"$attr": 1}', '{"$nope": {}}', '\xff']) {
    assert.throws(
      () => protoSpecFamily.decode(new TextEncoder().encode(text), reject),
      (e: unknown) => e instanceof WireError && e.codec === 'canonical',
      text,
    );
  }
  fc.assert(fc.property(fc.json(), (j) => onlyWireErrors(() => protoSpecFamily.decode(new TextEncoder().encode(j), reject))));
});

test('reject kind: a spec we accept shows up as {"accepted": spec}, so the runner reports the difference', () => {
  const spec = { $object: { a: { $attr: { Name: 'a', Type: 'string', Required: false } } } };
  const model = protoSpecFamily.decode(new TextEncoder().encode(JSON.stringify(spec)), reject);
  sameJson(protoSpecFamily.toCanonical(model, reject), { accepted: spec });
});

test('fromCanonical: {"error"} alone cannot be re-encoded; a spec can', () => {
  const m = protoSpecFamily.fromCanonical({ error: 'x' }, reject);
  sameJson(protoSpecFamily.toCanonical(m, reject), { error: 'x' });
  assert.throws(
    () => protoSpecFamily.encode(m, reject),
    (e: unknown) => e instanceof WireError,
  );
  const spec = { $object: { t: { $blockAttrs: { TypeName: 't', ElementType: 'string', Required: false } } } };
  const r = protoSpecFamily.fromCanonical(spec, reject);
  sameJson(protoSpecFamily.toCanonical(r, reject), {
    error: 'failed to decode object spec: failed to convert object attribute "t" to hcldec.Spec: unsupported hcldec.Spec type: "*hcldec.BlockAttrsSpec"',
  });
});

test('accept kind: random bytes give a spec or a WireError', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 48 }), (b) => onlyWireErrors(() => protoSpecFamily.decode(b, accept))),
    { numRuns: 2000 },
  );
});

test.run();
