import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WireError } from '../wire/index.js';
import { DEFAULT_COMPONENT_NAME, formatDescribe, packerComponentName, parseDescribe, pluginNameFromBinary, type PluginDescription } from './describe.js';

const enc = (s: string) => new TextEncoder().encode(s);

function wireError(fn: () => unknown, offset?: number, re?: RegExp): WireError {
  try {
    fn();
  } catch (e) {
    assert.instance(e, WireError);
    const w = e as WireError;
    assert.is(w.codec, 'protocol');
    if (offset !== undefined) assert.is(w.offset, offset, `offset of: ${w.message}`);
    if (re) assert.match(w.reason, re);
    return w;
  }
  return assert.unreachable('expected a WireError') as never;
}

const sample: PluginDescription = {
  version: '0.1.0',
  sdkVersion: '0.6.4',
  apiVersion: 'x5.0',
  builders: [DEFAULT_COMPONENT_NAME, 'tester'],
  postProcessors: ['dynamic'],
  provisioners: [],
  datasources: ['tester'],
  protocolVersion: 'v2',
};

test('parse: every field, lists in order, protocol_version kept', () => {
  const d = parseDescribe(formatDescribe(sample));
  assert.equal(d, sample);
});

test('parse: no protocol_version member means a gob-only SDK (field absent)', () => {
  const d = parseDescribe('{"version":"1","sdk_version":"0.5.4","api_version":"x5.0","builders":[],"post_processors":[],"provisioners":[],"datasources":[]}\n');
  assert.is(d.protocolVersion, undefined);
  assert.not.ok('protocolVersion' in d);
  assert.equal(d.builders, []);
});

test('parse: member names match case-insensitively as Go folds them (long s folds with s)', () => {
  const d = parseDescribe('{"VERSION":"1","Sdk_Version":"2","protocol_ver\u017fion":"v2","BUILDERS":["x"]}');
  assert.is(d.version, '1');
  assert.is(d.sdkVersion, '2');
  assert.is(d.protocolVersion, 'v2');
  assert.equal(d.builders, ['x']);
});

test('parse: unknown members ignored, later duplicate wins, null leaves a string and empties a list', () => {
  const d = parseDescribe(
    '{"extra":{"a":[1,2,{}]},"version":"1","version":"2","sdk_version":"s","sdk_version":null,"builders":["a"],"builders":null,"datasources":["x",null]}',
  );
  assert.is(d.version, '2');
  assert.is(d.sdkVersion, 's');
  assert.equal(d.builders, []);
  assert.equal(d.datasources, ['x', '']);
});

test('parse: top-level null is an empty description (Go: Unmarshal of null is a no-op)', () => {
  const d = parseDescribe(' null \n');
  assert.is(d.version, '');
  assert.equal(d.builders, []);
  assert.is(d.protocolVersion, undefined);
});

test('parse: wrong JSON types are WireErrors at the offending value', () => {
  wireError(() => parseDescribe('[]'), 0, /cannot unmarshal array/);
  wireError(() => parseDescribe('{"version":1}'), 11, /version \(a string\)/);
  wireError(() => parseDescribe('{"builders":"a"}'), 12, /list of strings/);
  wireError(() => parseDescribe('{"builders":["a",true]}'), 17, /element of builders/);
  wireError(() => parseDescribe('{"protocol_version":["v2"]}'), 20);
});

test('parse: malformed JSON is a WireError with the byte offset', () => {
  wireError(() => parseDescribe(''), 0, /end of JSON input/);
  wireError(() => parseDescribe('{"version":"1"'), 14, /end of JSON input/);
  wireError(() => parseDescribe('{"version":"1"} x'), 16, /after top-level value/);
  wireError(() => parseDescribe('{"version":"1",}'), 15, /object key/);
  wireError(() => parseDescribe('{"version":"a\u0001"}'), 13, /in string literal/);
  wireError(() => parseDescribe('{"version":"\\x"}'), 13, /escape/);
  wireError(() => parseDescribe('{"builders":[01]}'), 14);
  wireError(() => parseDescribe('{"a":1.}'), 7, /decimal point/);
  wireError(() => parseDescribe('{"a":tru}'), 8);
  wireError(() => parseDescribe("{'a':1}"), 1);
});

test('parse: nesting beyond MAX_DEPTH is a WireError, not a stack overflow', () => {
  const deep = '{"x":' + '['.repeat(200_000) + ']'.repeat(200_000) + '}';
  wireError(() => parseDescribe(deep), undefined, /nested deeper/);
});

test('parse: strings decode as Go does (escapes, surrogate pairs, U+FFFD for bad bytes and lone surrogates)', () => {
  const d = parseDescribe('{"version":"a\\u00e9\\ud83d\\ude00\\/\\t","sdk_version":"\\ud800x","api_version":"\\udc00"}');
  assert.is(d.version, 'a\u00e9\u{1f600}/\t');
  assert.is(d.sdkVersion, '\ufffdx');
  assert.is(d.apiVersion, '\ufffd');
  // invalid UTF-8: each bad byte becomes one U+FFFD (Go's utf8.DecodeRune), valid runes kept
  const bytes = Uint8Array.from([...enc('{"version":"'), 0xe2, 0x82, 0x41, 0xff, 0xc3, 0xa9, ...enc('"}')]);
  assert.is(parseDescribe(bytes).version, '\ufffd\ufffdA\ufffd\u00e9');
});

test('format: field order, [] for empty lists, newline, protocol_version only when present', () => {
  const s = formatDescribe({ ...sample, protocolVersion: undefined, builders: [], postProcessors: [], datasources: [] } as PluginDescription);
  assert.ok(s.endsWith('}\n'));
  assert.not.match(s, /protocol_version/);
  assert.match(
    s,
    /^\{"version":"0\.1\.0","sdk_version":"0\.6\.4","api_version":"x5\.0","builders":\[\],"post_processors":\[\],"provisioners":\[\],"datasources":\[\]\}\n$/,
  );
});

test('format: HTML-safe escaping as documented by encoding/json (<, >, &, U+2028, U+2029)', () => {
  // encoding/json docs: "<", ">", "&", U+2028 and U+2029 are escaped to "\u003c", "\u003e",
  // "\u0026", "\u2028" and "\u2029".
  const s = formatDescribe({ ...sample, version: '<a>&\u2028\u2029' });
  assert.ok(s.startsWith('{"version":"\\u003ca\\u003e\\u0026\\u2028\\u2029",'));
});

test('format: refuses a lone surrogate instead of guessing', () => {
  wireError(() => formatDescribe({ ...sample, version: 'a\ud800' }), undefined, /lone surrogate/);
});

test('format/parse round trip keeps control characters and quotes', () => {
  const d = { ...sample, version: 'q"\\\b\f\n\r\t\u0001\u001f\u007f' };
  assert.equal(parseDescribe(formatDescribe(d)), d);
});

test('Packer component names: default-name component under the bare plugin name', () => {
  assert.is(packerComponentName('docker', DEFAULT_COMPONENT_NAME), 'docker');
  assert.is(packerComponentName('docker', 'push'), 'docker-push');
  assert.is(pluginNameFromBinary('packer-plugin-amazon_v1.2.3_x5.0_linux_amd64'), 'amazon');
  assert.is(pluginNameFromBinary('packer-plugin-tester'), 'tester');
  assert.is(pluginNameFromBinary('packer-builder-foo'), undefined);
});

test.run();
