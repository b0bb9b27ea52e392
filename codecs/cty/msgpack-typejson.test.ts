import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { marshalCtyMsgpack, unmarshalCtyMsgpack } from './msgpack.js';
import { T, type CtyType } from './types.js';
import { typeJSONBytes } from './type-json.js';

/** An object type whose type JSON has about `attrs` * 12 bytes (new object every call). */
const wide = (attrs: number): CtyType => T.object(new Map(Array.from({ length: attrs }, (_, i) => [`attr_${String(i).padStart(4, '0')}`, T.String] as const)));

const nullOf = (type: CtyType) => ({ type, raw: null });

// Type JSON of 1 byte-length class each: bin8 (< 256), bin16 (< 65536), bin32.
for (const attrs of [3, 100, 6000]) {
  test(`a dynamic value's type JSON (${attrs} attributes) written in place equals typeJSONBytes, every time`, () => {
    const first = wide(attrs);
    const inPlace = marshalCtyMsgpack(nullOf(first), T.DynamicPseudoType);
    const again = marshalCtyMsgpack(nullOf(first), T.DynamicPseudoType);
    const cached = marshalCtyMsgpack(nullOf(first), T.DynamicPseudoType);
    assert.equal([...inPlace], [...again]);
    assert.equal([...inPlace], [...cached]);
    const json = typeJSONBytes(first);
    const header = json.length < 256 ? 2 : json.length < 65536 ? 3 : 5;
    assert.is(inPlace.length, 1 + header + json.length + 1);
    assert.is(inPlace[1], [0xc4, 0xc5, 0xc6][header === 2 ? 0 : header === 3 ? 1 : 2]);
    assert.equal([...inPlace.subarray(1 + header, 1 + header + json.length)], [...json]);
    const back = unmarshalCtyMsgpack(inPlace, T.DynamicPseudoType);
    assert.equal([...typeJSONBytes(back.type)], [...json]);
  });
}

test.run();
