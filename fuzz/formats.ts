/**
 * What the mutator knows about each family's bytes: the integer encodings its lengths, counts and
 * ids use, and a dictionary of tokens worth inserting.
 */
import type { Family } from '../codecs/family.js';
import { be32, decimalText, gobUint, leb128, msgpackCount, type IntCodec } from './ints.js';

export interface Format {
  readonly ints: readonly IntCodec[];
  readonly dict: readonly Uint8Array[];
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
/** One byte per character (for tokens holding raw bytes such as msgpack headers). */
const raw = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
const hex = (h: string): Uint8Array => Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16)));

const GOB_DICT = [
  // type ids as signed gob ints (bool 1, int 2, uint 3, float 4, []byte 5, string 6, complex 7,
  // interface 8, wireType 16, … mapType 23; user ids 64, 65, 66 and their definitions -64…)
  ...[1, 2, 3, 4, 5, 6, 7, 8, 16, 17, 18, 19, 20, 21, 22, 23].map((id) => Uint8Array.of(id * 2)),
  hex('ff80'),
  hex('ff82'),
  hex('ff84'),
  hex('7f'),
  hex('ff81'),
  hex('ff83'),
  hex('00'),
  hex('01'),
  hex('fe0100'),
  hex('f8ffffffffffffffff'),
  hex('fc7fffffff'),
  raw('\x10*hcldec.AttrSpec'),
  raw('\x11*hcldec.BlockSpec'),
  raw('\x0aObjectSpec'),
  raw('\x2bgithub.com/zclconf/go-cty/cty.primitiveType'),
];

const PROTO_DICT = [
  hex('0a'),
  hex('12'),
  hex('1a'),
  hex('22'),
  hex('08'),
  hex('10'),
  hex('18'),
  hex('0b'),
  hex('0c'),
  hex('0d'),
  hex('09'),
  hex('0f'),
  hex('ffffffff0f'),
  hex('ffffffffffffffffff01'),
  raw('\x0acty.String'),
  raw('\x0acty.Number'),
  raw('\x08cty.Bool'),
];

const MSGPACK_DICT = [
  hex('c0'),
  hex('c1'),
  hex('c2'),
  hex('c3'),
  hex('d40000'),
  hex('c70000'),
  hex('d6ff00000000'),
  hex('ca7fc00000'),
  hex('cb7ff8000000000001'),
  hex('cb7ff0000000000000'),
  hex('cbfff0000000000000'),
  hex('ddffffffff'),
  hex('dfffffffff'),
  hex('dbffffffff'),
  hex('c6ffffffff'),
  hex('d9ff'),
  hex('a2fffe'),
  hex('d38000000000000000'),
  hex('cfffffffffffffffff'),
  hex('e0'),
  hex('91'),
  hex('81'),
  hex('90'),
  hex('80'),
  raw('\xadServiceMethod'),
  raw('\xa3Seq'),
  raw('\xa5Error'),
];

const JSON_DICT = [
  '[',
  ']',
  '{',
  '}',
  '"',
  ':',
  ',',
  'null',
  'true',
  'false',
  '-0',
  '1e999',
  '-1e-999',
  '0.1',
  '1e400',
  '"\\ud800"',
  '"\\u0000"',
  '{"value":',
  '"type":',
  '"dynamic"',
  '["list",',
  '["set",',
  '["map",',
  '["object",{',
  '["tuple",[',
  '"number"',
  '"string"',
  '"bool"',
  '\ufeff',
  '99999999999999999999999',
]
  .map(enc)
  .concat([raw('\xff'), raw('"\xc3\x28"')]);

const TRANSCRIPT_DICT = [
  // record headers (direction, big-endian length) and yamux headers (version, type, flags, stream, length)
  hex('0000000000'),
  hex('01ffffffff'),
  hex('000000000c'),
  hex('0000000100000001'),
  hex('0001000200000001'),
  hex('0002000100000000'),
  hex('0003000000000000'),
  hex('00000008'),
  hex('0000ffffffff'),
];

const FORMATS: Record<Family, Format> = {
  'gob-spec': { ints: [gobUint], dict: GOB_DICT },
  'gob-value': { ints: [gobUint], dict: GOB_DICT },
  'gob-generic': { ints: [gobUint], dict: GOB_DICT },
  'proto-spec': { ints: [leb128, decimalText], dict: [...PROTO_DICT, ...JSON_DICT] },
  'msgpack-value': { ints: [msgpackCount], dict: [...MSGPACK_DICT, ...JSON_DICT.slice(18)] },
  'json-value': { ints: [decimalText], dict: JSON_DICT },
  rpc: { ints: [msgpackCount], dict: MSGPACK_DICT },
  transcript: { ints: [be32, msgpackCount, gobUint], dict: [...TRANSCRIPT_DICT, ...MSGPACK_DICT, ...GOB_DICT] },
};

export const formatOf = (f: Family): Format => FORMATS[f];
