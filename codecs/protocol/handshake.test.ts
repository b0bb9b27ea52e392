import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isWireError } from '../wire/index.js';
import { HandshakeError, formatHandshake, parseHandshake, splitHostPort, type HandshakeErrorKind } from './handshake.js';

test('unix line as the SDK prints it', () => {
  const h = parseHandshake('5|0|unix|/tmp/packer-plugin123\n');
  assert.equal(h, { apiMajor: '5', apiMinor: '0', network: 'unix', address: '/tmp/packer-plugin123' });
});

test('tcp line (Windows form) with host and port', () => {
  const h = parseHandshake('5|0|tcp|127.0.0.1:10000\r\n');
  assert.equal(h, { apiMajor: '5', apiMinor: '0', network: 'tcp', address: '127.0.0.1:10000', host: '127.0.0.1', port: 10000 });
  const v6 = parseHandshake('5|0|tcp|[::1]:25000');
  assert.is(v6.network === 'tcp' && v6.host, '::1');
});

test('only the first line counts; Unicode white space around it is trimmed (Go TrimSpace)', () => {
  const h = parseHandshake('\u00a0 5|0|unix|/p\u2028 \nsecond line\n');
  assert.is(h.address, '/p');
});

test('address keeps further | (SplitN into 4 parts)', () => {
  assert.is(parseHandshake('5|0|unix|/a|b|c').address, '/a|b|c');
});

test('format: %s|%s|%s|%s and a newline; parse(format(x)) is x', () => {
  const line = formatHandshake({ network: 'unix', address: '/tmp/x' });
  assert.is(line, '5|0|unix|/tmp/x\n');
  assert.equal(parseHandshake(line), { apiMajor: '5', apiMinor: '0', network: 'unix', address: '/tmp/x' });
});

const refused: Array<[string, HandshakeErrorKind]> = [
  ['5|0|unix', 'deprecated-protocol'],
  ['4|unix|/tmp/x', 'deprecated-protocol'],
  ['5|0', 'unrecognized'],
  ['', 'unrecognized'],
  ['hello world', 'unrecognized'],
  ['4|0|unix|/x', 'api-major'],
  ['6|0|unix|/x', 'api-major'],
  ['05|0|unix|/x', 'api-major'],
  [' 5 |0|unix|/x', 'api-major'],
  ['5|1|unix|/x', 'api-minor'],
  ['5|00|unix|/x', 'api-minor'],
  ['5|0.1|unix|/x', 'api-minor'],
  ['5|a|unix|/x', 'api-minor'],
  ['5|0|udp|/x', 'network'],
  ['5|0|UNIX|/x', 'network'],
  ['5|0|tcp|127.0.0.1', 'address'],
  ['5|0|tcp|::1:80', 'address'],
  ['5|0|tcp|[::1]', 'address'],
  ['5|0|tcp|host:http', 'address'],
  ['5|0|tcp|host:70000', 'address'],
  ['5|0|tcp|host:-1', 'address'],
];

for (const [line, kind] of refused) {
  test(`refused: ${JSON.stringify(line)} (${kind})`, () => {
    try {
      parseHandshake(line);
      assert.unreachable();
    } catch (e) {
      assert.instance(e, HandshakeError);
      assert.ok(isWireError(e));
      assert.is((e as HandshakeError).kind, kind);
      assert.is((e as HandshakeError).codec, 'protocol');
    }
  });
}

test('accepted minors: compared as strings, not above "0"', () => {
  for (const minor of ['0', '', '-1', '/']) assert.is(parseHandshake(`5|${minor}|unix|/x`).apiMinor, minor);
});

test('tcp ports as Go reads them: empty is 0, leading + allowed', () => {
  const a = parseHandshake('5|0|tcp|:');
  assert.is(a.network === 'tcp' && a.port, 0);
  const b = parseHandshake('5|0|tcp|localhost:+80');
  assert.is(b.network === 'tcp' && b.port, 80);
});

test('splitHostPort: Go error texts', () => {
  assert.is(splitHostPort('a'), 'missing port in address');
  assert.is(splitHostPort('a:b:c'), 'too many colons in address');
  assert.is(splitHostPort('[a:b'), "missing ']' in address");
  assert.is(splitHostPort('[a]b:c'), 'missing port in address');
  assert.is(splitHostPort('[a]:b:c'), 'too many colons in address');
  assert.is(splitHostPort('a[:b'), "unexpected '[' in address");
  assert.is(splitHostPort('a]:b'), "unexpected ']' in address");
  assert.equal(splitHostPort('[::1]:22'), { host: '::1', port: '22' });
});

test.run();
