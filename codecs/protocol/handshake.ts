/**
 * The handshake line a started plugin prints on stdout: `MAJOR|MINOR|NETWORK|ADDRESS\n`, e.g.
 * `5|0|unix|/tmp/packer-plugin123` (the SDK's plugin.Server), `5|0|tcp|127.0.0.1:10000` on Windows.
 *
 * Accepted as Packer's plugin client accepts it (packer/plugin_client.go, Start): only the first
 * stdout line counts; it is trimmed of Unicode white space and split on `|` into at most 4 parts
 * (so the address may itself hold `|`); 3 parts is the pre-1.7 protocol; fewer than 4 is refused;
 * the major must be exactly "5"; the minor must not compare above "0" as a Go string (bytewise:
 * "", "0", "-1" pass, "1", "00", "0.1" do not); the network must be "tcp" or "unix". A tcp address
 * must split as host:port (Go's net.SplitHostPort) with a numeric port (Go would also look up a
 * service name such as "http"; we refuse those). Error offsets count characters of the line.
 */
import { WireError } from '../wire/index.js';

export const API_VERSION_MAJOR = '5';
export const API_VERSION_MINOR = '0';

export type HandshakeErrorKind = 'deprecated-protocol' | 'unrecognized' | 'api-major' | 'api-minor' | 'network' | 'address';

/** A refused handshake line; `kind` says which of Packer's checks refused it. */
export class HandshakeError extends WireError {
  constructor(
    readonly kind: HandshakeErrorKind,
    offset: number,
    reason: string,
  ) {
    super('protocol', offset, reason);
  }
}

export type Handshake =
  | { apiMajor: string; apiMinor: string; network: 'unix'; address: string }
  | { apiMajor: string; apiMinor: string; network: 'tcp'; address: string; host: string; port: number };

/** Go's unicode.IsSpace, the set strings.TrimSpace removes. */
function isGoSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Go's strings.TrimSpace. Returns the trimmed string and how many UTF-16 units were cut in front. */
function trimSpace(s: string): [string, number] {
  let a = 0;
  let b = s.length;
  while (a < b && isGoSpace(s.charCodeAt(a))) a++;
  while (b > a && isGoSpace(s.charCodeAt(b - 1))) b--;
  return [s.slice(a, b), a];
}

/** Go's strings.SplitN(s, sep, n) for a one-character separator. */
function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (out.length < n - 1) {
    const i = s.indexOf(sep, start);
    if (i < 0) break;
    out.push(s.slice(start, i));
    start = i + 1;
  }
  out.push(s.slice(start));
  return out;
}

/** Go's net.SplitHostPort, returning an error text in Go's words on failure. */
export function splitHostPort(hostport: string): { host: string; port: string } | string {
  const missingPort = 'missing port in address';
  const tooManyColons = 'too many colons in address';
  const i = hostport.lastIndexOf(':');
  if (i < 0) return missingPort;
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport[0] === '[') {
    const end = hostport.indexOf(']');
    if (end < 0) return "missing ']' in address";
    if (end + 1 === hostport.length) return missingPort;
    if (end + 1 !== i) return hostport[end + 1] === ':' ? tooManyColons : missingPort;
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) return tooManyColons;
  }
  if (hostport.indexOf('[', j) >= 0) return "unexpected '[' in address";
  if (hostport.indexOf(']', k) >= 0) return "unexpected ']' in address";
  return { host, port: hostport.slice(i + 1) };
}

/**
 * Parses the first stdout line of a started plugin (the text up to the first `\n`, or all of it
 * when there is none). Throws HandshakeError on anything Packer refuses.
 */
export function parseHandshake(text: string): Handshake {
  const nl = text.indexOf('\n');
  const raw = nl < 0 ? text : text.slice(0, nl + 1);
  const [line, cut] = trimSpace(raw);
  const parts = splitN(line, '|', 4);
  if (parts.length === 3) {
    throw new HandshakeError('deprecated-protocol', cut, 'the plugin speaks protocol version 4 or lower (3 parts in the handshake line)');
  }
  if (parts.length < 4) throw new HandshakeError('unrecognized', cut, `unrecognized remote plugin message: ${JSON.stringify(line)}`);
  const [apiMajor, apiMinor, network, address] = parts as [string, string, string, string];
  const minorAt = cut + apiMajor.length + 1;
  const networkAt = minorAt + apiMinor.length + 1;
  const addressAt = networkAt + network.length + 1;
  if (apiMajor !== API_VERSION_MAJOR) {
    throw new HandshakeError('api-major', cut, `incompatible API major version ${JSON.stringify(apiMajor)} (want ${API_VERSION_MAJOR})`);
  }
  if (apiMinor > API_VERSION_MINOR) {
    throw new HandshakeError('api-minor', minorAt, `incompatible API minor version ${JSON.stringify(apiMinor)} (above ${API_VERSION_MINOR})`);
  }
  if (network === 'unix') return { apiMajor, apiMinor, network, address };
  if (network !== 'tcp') throw new HandshakeError('network', networkAt, `unknown address type ${JSON.stringify(network)}`);
  const hp = splitHostPort(address);
  if (typeof hp === 'string') throw new HandshakeError('address', addressAt, `address ${JSON.stringify(address)}: ${hp}`);
  // Go: an empty port is 0 and a leading '+' is allowed; a service name would need a lookup,
  // which we do not do.
  const digits = hp.port.startsWith('+') ? hp.port.slice(1) : hp.port;
  const port = digits === '' ? 0 : /^[0-9]+$/.test(digits) ? Number(digits) : NaN;
  if (!(port <= 65535)) {
    throw new HandshakeError('address', addressAt, `address ${JSON.stringify(address)}: port ${JSON.stringify(hp.port)} is not a number from 0 to 65535`);
  }
  return { apiMajor, apiMinor, network, address, host: hp.host, port };
}

/** The line as the SDK's plugin.Server prints it (`fmt.Printf("%s|%s|%s|%s\n", …)`). */
export function formatHandshake(h: { apiMajor?: string; apiMinor?: string; network: string; address: string }): string {
  return `${h.apiMajor ?? API_VERSION_MAJOR}|${h.apiMinor ?? API_VERSION_MINOR}|${h.network}|${h.address}\n`;
}
