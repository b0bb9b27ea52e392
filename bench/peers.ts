/**
 * JavaScript peers: other libraries doing the nearest equivalent job on the same bytes, as a yardstick.
 * They decode to plain JS values (no cty types, no hcldec model), so they bound what a generic
 * decoder costs rather than doing all our codecs do.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Decoder as MsgpackDecoder, Encoder as MsgpackEncoder } from '@msgpack/msgpack';
import { Packr, Unpackr } from 'msgpackr';
import { createFileRegistry, fromBinary, toBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import type { Family } from '../codecs/family.js';

const require = createRequire(import.meta.url);

export interface PeerInput {
  family: Family;
  /** The payload bytes of the case. */
  bytes: Uint8Array;
  /** The vector's expect file (canonical JSON) as text. */
  expectText: string;
  /** Serialized FileDescriptorSet of the SDK's hcl_spec.proto, as Go compiled it, when Go wrote it. */
  protoDescriptor?: Uint8Array;
  /** Repository root. */
  repoDir: string;
}

/** A peer ready to run: decode the case's bytes, encode what it decoded. */
export interface PeerOps {
  decode: () => unknown;
  encode: () => unknown;
  /** Size of what decode reads and encode writes (for MB/s). */
  decodeBytes: number;
  encodeBytes: number;
  /** Where the peer's schema came from, or other caveats. */
  note?: string;
}

export interface Peer {
  name: string;
  families: readonly Family[];
  make(input: PeerInput): Promise<PeerOps>;
}

const ALL: readonly Family[] = ['gob-spec', 'gob-value', 'gob-generic', 'proto-spec', 'msgpack-value', 'json-value', 'rpc'];

/** Runs decode once and wires encode to re-encode that value. */
function pair(bytes: number, decode: () => unknown, encode: (v: unknown) => Uint8Array | string, note?: string): PeerOps {
  const value = decode();
  const once = encode(value);
  const encodeBytes = typeof once === 'string' ? Buffer.byteLength(once) : once.length;
  return { decode, encode: () => encode(value), decodeBytes: bytes, encodeBytes, ...(note ? { note } : {}) };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Out = new TextEncoder();

/** JSON.parse / JSON.stringify of the vector's canonical JSON: the cost of the same information as JSON text. */
const jsonCanonical: Peer = {
  name: 'JSON(canonical)',
  families: ALL,
  async make(i) {
    const text = i.expectText;
    return pair(
      Buffer.byteLength(text),
      () => JSON.parse(text),
      (v) => JSON.stringify(v),
    );
  },
};

/** JSON.parse / JSON.stringify of the cty JSON payload itself (bytes -> text -> value and back). */
const jsonRaw: Peer = {
  name: 'JSON.parse',
  families: ['json-value'],
  async make(i) {
    const b = i.bytes;
    return pair(
      b.length,
      () => JSON.parse(utf8.decode(b)),
      (v) => utf8Out.encode(JSON.stringify(v)),
    );
  },
};

/** A whole rpc frame is two msgpack values back to back (header, body). */
const isFrame = (f: Family) => f === 'rpc';

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, at), (at += p.length);
  return out;
}

const msgpackMsgpack: Peer = {
  name: '@msgpack/msgpack',
  families: ['msgpack-value', 'rpc'],
  async make(i) {
    const dec = new MsgpackDecoder();
    const enc = new MsgpackEncoder();
    const b = i.bytes;
    if (isFrame(i.family))
      return pair(
        b.length,
        () => [...dec.decodeMulti(b)],
        (v) => concat((v as unknown[]).map((x) => enc.encode(x))),
      );
    return pair(
      b.length,
      () => dec.decode(b),
      (v) => enc.encode(v),
    );
  },
};

const msgpackr: Peer = {
  name: 'msgpackr',
  families: ['msgpack-value', 'rpc'],
  async make(i) {
    const un = new Unpackr({ useRecords: false, mapsAsObjects: true });
    const pk = new Packr({ useRecords: false });
    const b = i.bytes;
    if (isFrame(i.family))
      return pair(
        b.length,
        () => un.unpackMultiple(b),
        (v) => concat((v as unknown[]).map((x) => pk.pack(x))),
      );
    return pair(
      b.length,
      () => un.unpack(b),
      (v) => pk.pack(v),
    );
  },
};

interface PbType {
  decode(b: Uint8Array): unknown;
  encode(m: unknown): { finish(): Uint8Array };
}

/** protobufjs static code generated into proto/ (proto/generate.mjs). */
const protobufjsStatic: Peer = {
  name: 'protobufjs static',
  families: ['proto-spec'],
  async make(i) {
    const file = join(i.repoDir, 'proto', 'hcl_spec.js');
    if (!existsSync(file)) throw new Error('proto/hcl_spec.js not generated');
    const mod = (await import(pathToFileURL(file).href)) as { Spec?: PbType };
    const Spec = mod.Spec;
    if (!Spec) throw new Error('proto/hcl_spec.js has no Spec');
    const b = i.bytes;
    return pair(
      b.length,
      () => Spec.decode(b),
      (m) => Spec.encode(m).finish(),
    );
  },
};

interface PbRoot {
  lookupType(name: string): PbType;
  toDescriptor(edition?: string): unknown;
}
interface Protobufjs {
  Root: { fromDescriptor(d: Uint8Array | unknown): PbRoot };
  loadSync(file: string): PbRoot;
}
interface PbDescriptorNs {
  FileDescriptorSet: { encode(m: unknown): { finish(): Uint8Array } };
}

const loadProtobufjs = (): { pb: Protobufjs; desc: PbDescriptorNs } => {
  const pb = require('protobufjs') as Protobufjs;
  const desc = require('protobufjs/ext/descriptor') as PbDescriptorNs; // adds Root.fromDescriptor / toDescriptor
  return { pb, desc };
};

/** The descriptor Go wrote, else one protobufjs builds from proto/hcl_spec.proto. */
function descriptorOf(i: PeerInput): { bytes: Uint8Array; from: string } {
  if (i.protoDescriptor) return { bytes: i.protoDescriptor, from: "Go's compiled descriptor" };
  const { pb, desc } = loadProtobufjs();
  const root = pb.loadSync(join(i.repoDir, 'proto', 'hcl_spec.proto'));
  return { bytes: desc.FileDescriptorSet.encode(root.toDescriptor('proto3')).finish(), from: 'proto/hcl_spec.proto via protobufjs (no Go descriptor)' };
}

/** protobufjs reflection (Type.decode/encode built at run time from a descriptor). */
const protobufjsReflect: Peer = {
  name: 'protobufjs reflect',
  families: ['proto-spec'],
  async make(i) {
    const { pb } = loadProtobufjs();
    const d = descriptorOf(i);
    const Spec = pb.Root.fromDescriptor(d.bytes).lookupType('Spec');
    const b = i.bytes;
    return pair(
      b.length,
      () => Spec.decode(b),
      (m) => Spec.encode(m).finish(),
      d.from,
    );
  },
};

const bufbuild: Peer = {
  name: '@bufbuild/protobuf',
  families: ['proto-spec'],
  async make(i) {
    const d = descriptorOf(i);
    const reg = createFileRegistry(fromBinary(FileDescriptorSetSchema, d.bytes));
    const Spec = reg.getMessage('Spec');
    if (!Spec) throw new Error('descriptor has no message Spec');
    const b = i.bytes;
    return pair(
      b.length,
      () => fromBinary(Spec, b),
      (m) => toBinary(Spec, m as ReturnType<typeof fromBinary<typeof Spec>>),
      d.from,
    );
  },
};

export const PEERS: readonly Peer[] = [protobufjsStatic, protobufjsReflect, bufbuild, msgpackMsgpack, msgpackr, jsonRaw, jsonCanonical];

export function peersFor(family: Family): Peer[] {
  return PEERS.filter((p) => p.families.includes(family));
}

/** Reads a file if it exists. */
export function readIfExists(path: string | undefined): Uint8Array | undefined {
  return path && existsSync(path) ? new Uint8Array(readFileSync(path)) : undefined;
}
