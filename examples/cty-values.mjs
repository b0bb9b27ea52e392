// cty values: build one, send it as go-cty msgpack (Datasource.Execute in protobuf mode) and as
// the cty JSON Packer uses for Prepare/Configure configs.
// Run: npm run build && node examples/cty-values.mjs
import { T, parseNumberText, normalizeValue, marshalCtyMsgpack, unmarshalCtyMsgpack, marshalCtyJSON, valueToCanonical } from 'packer-wire';

const type = T.object({ name: T.String, size: T.Number, tags: T.set(T.String) });
// normalizeValue does what go-cty's constructors do: NFC strings, sets deduplicated and in go-cty's order.
const value = normalizeValue({
  type,
  raw: new Map([
    ['name', 'web'],
    ['size', parseNumberText('12345678901234567890.5')], // arbitrary precision, never a JS number
    ['tags', ['b', 'a', 'b']],
  ]),
});

const packed = marshalCtyMsgpack(value, T.DynamicPseudoType);
console.log('msgpack:', Buffer.from(packed).toString('hex'));
console.log('back:', JSON.stringify(valueToCanonical(unmarshalCtyMsgpack(packed, T.DynamicPseudoType))));
console.log('cty JSON:', new TextDecoder().decode(marshalCtyJSON(value, T.DynamicPseudoType)));
