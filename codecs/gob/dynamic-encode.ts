/**
 * Writes a dynamic-model stream back to bytes, as Go's Encoder would have written the same Go
 * values: each type definition sent once, the first time a value needs it, in encoding/gob's
 * order (a type, then the types of its fields / elements / key, depth first), with the ids and
 * names of the decoded stream. Every node is checked against the wire type it is written as.
 */
import { MAX_DEPTH, WireError } from '../wire/errors.js';
import type { ByteWriter } from '../wire/writer.js';
import type { GobStream, GobValue } from './dynamic.js';
import { flushMessage, messagePool, resetMessage } from './frame.js';
import { T_BOOL, T_BYTES, T_COMPLEX, T_FLOAT, T_INT, T_INTERFACE, T_STRING, T_UINT, isBasicId, writeWireType, type TypeId, type WireType } from './types.js';
import { writeGobBytes, writeGobFloatBits, writeGobInt, writeGobInt64, writeGobString, writeGobUint, writeGobUint64 } from './wire.js';

const fail = (reason: string): never => {
  throw new WireError('gob', 0, reason);
};

const KIND_OF_BASIC: Record<number, GobValue['kind']> = {
  [T_BOOL]: 'bool',
  [T_INT]: 'int',
  [T_UINT]: 'uint',
  [T_FLOAT]: 'float',
  [T_BYTES]: 'bytes',
  [T_STRING]: 'string',
  [T_COMPLEX]: 'complex',
  [T_INTERFACE]: 'interface',
};

const SCALAR = new Set<string>(Object.values(KIND_OF_BASIC));

class DynamicWriter {
  /** The stream and the top-level message, from the shared pool (give back with `release`). */
  private readonly out = messagePool.get();
  private readonly top = messagePool.get();
  private readonly writers: ByteWriter[] = [this.out];
  private readonly sent = new Set<TypeId>();
  private depth = 0;

  private readonly groups = new Map<TypeId, readonly TypeId[]>();

  constructor(
    private readonly types: ReadonlyMap<TypeId, WireType>,
    groups: readonly (readonly TypeId[])[] = [],
  ) {
    this.out.pos = 0;
    for (const g of groups) if (g.length > 0 && !this.groups.has(g[0]!)) this.groups.set(g[0]!, g);
  }

  private wire(id: TypeId): WireType {
    const wt = this.types.get(id);
    if (!wt) fail(`type id ${id} has no definition in the stream's type table`);
    return wt!;
  }

  encodeTop(id: TypeId, v: GobValue): void {
    resetMessage(this.top);
    this.sendTypeDescriptor(this.out, this.top, id);
    writeGobInt(this.top, id);
    this.encodeValue(this.top, id, v);
    flushMessage(this.out, this.top);
  }

  finish(): Uint8Array {
    return this.out.finish();
  }

  release(): void {
    messagePool.put(this.top);
    messagePool.put(this.out);
  }

  private sendTypeDescriptor(w: ByteWriter, b: ByteWriter, id: TypeId): void {
    if (isBasicId(id)) return;
    if (id < 64) fail(`type id ${id} is not a value type`);
    const group = this.sent.has(id) ? undefined : this.groups.get(id);
    if (group) for (const g of group) this.sendOne(w, b, g);
    this.sendType(w, b, id);
  }

  /** Sends one definition unless already sent. */
  private sendOne(w: ByteWriter, b: ByteWriter, id: TypeId): void {
    if (isBasicId(id) || this.sent.has(id)) return;
    writeGobInt(b, -id);
    writeWireType(b, this.wire(id));
    flushMessage(w, b);
    this.sent.add(id);
  }

  private typeDepth = 0;

  private sendType(w: ByteWriter, b: ByteWriter, id: TypeId): void {
    if (isBasicId(id) || this.sent.has(id)) return;
    const wt = this.wire(id);
    this.sendOne(w, b, id);
    if (++this.typeDepth > MAX_DEPTH) fail(`type definitions nest deeper than ${MAX_DEPTH} levels`);
    this.sendChildren(w, b, wt);
    this.typeDepth--;
  }

  private sendChildren(w: ByteWriter, b: ByteWriter, wt: WireType): void {
    switch (wt.kind) {
      case 'struct':
        for (const f of wt.fields) this.sendType(w, b, f.id);
        break;
      case 'array':
      case 'slice':
        this.sendType(w, b, wt.elem);
        break;
      case 'map':
        this.sendType(w, b, wt.key);
        this.sendType(w, b, wt.elem);
        break;
      default:
        break;
    }
  }

  /** A value where Go's decodeValue expects it: struct directly, else singleton. */
  private encodeValue(b: ByteWriter, id: TypeId, v: GobValue): void {
    if (!(id >= 64 && this.wire(id).kind === 'struct')) b.writeByte(0);
    this.value(b, id, v);
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) fail(`value nests deeper than ${MAX_DEPTH} levels`);
  }

  private value(b: ByteWriter, id: TypeId, v: GobValue): void {
    if (isBasicId(id) ? v.kind !== KIND_OF_BASIC[id] : SCALAR.has(v.kind)) fail(`a ${v.kind} value cannot be written as gob type ${id}`);
    switch (v.kind) {
      case 'bool':
        b.writeByte(v.value ? 1 : 0);
        return;
      case 'int':
        writeGobInt64(b, v.value);
        return;
      case 'uint':
        writeGobUint64(b, v.value);
        return;
      case 'float':
        writeGobFloatBits(b, v.bits);
        return;
      case 'complex':
        writeGobFloatBits(b, v.re);
        writeGobFloatBits(b, v.im);
        return;
      case 'bytes':
        writeGobBytes(b, v.value);
        return;
      case 'string':
        if (typeof v.value === 'string') writeGobString(b, v.value);
        else writeGobBytes(b, v.value);
        return;
      case 'interface':
        this.enter();
        this.iface(b, v);
        this.depth--;
        return;
    }
    const wt = this.wire(id);
    switch (v.kind) {
      case 'encoded':
        if (wt.kind !== 'gob' && wt.kind !== 'binary' && wt.kind !== 'text') break;
        writeGobBytes(b, v.bytes);
        return;
      case 'array':
      case 'slice':
        if (wt.kind !== v.kind) break;
        if (wt.kind === 'array' && v.elems.length !== wt.len) fail(`array of ${v.elems.length} elements written as [${wt.len}] type ${id}`);
        this.enter();
        writeGobUint(b, v.elems.length);
        if (wt.elem === T_INT) {
          // The common []int: no dispatch per element.
          writeInts(b, v.elems);
        } else for (const e of v.elems) this.value(b, wt.elem, e);
        this.depth--;
        return;
      case 'map':
        if (wt.kind !== 'map') break;
        this.enter();
        writeGobUint(b, v.entries.length);
        for (const [k, e] of v.entries) {
          this.value(b, wt.key, k);
          this.value(b, wt.elem, e);
        }
        this.depth--;
        return;
      case 'struct': {
        if (wt.kind !== 'struct') break;
        this.enter();
        let last = -1;
        for (const f of v.fields) {
          if (!Number.isInteger(f.index) || f.index <= last || f.index >= wt.fields.length)
            fail(`struct field number ${f.index} out of order or beyond type ${id}`);
          writeGobUint(b, f.index - last);
          last = f.index;
          this.value(b, wt.fields[f.index]!.id, f.value);
        }
        b.writeByte(0);
        this.depth--;
        return;
      }
    }
    fail(`a ${v.kind} value cannot be written as type ${id} (${wt.kind})`);
  }

  private iface(b: ByteWriter, v: GobValue & { kind: 'interface' }): void {
    const c = v.concrete;
    if (c === null) {
      b.writeByte(0);
      return;
    }
    if (c.name === '') fail('interface value with an empty type name');
    if (c.type === T_INTERFACE) fail('interface value whose concrete type is an interface');
    writeGobString(b, c.name);
    this.sendTypeDescriptor(this.writers[this.writers.length - 1]!, b, c.type);
    writeGobInt(b, c.type);
    this.writers.push(b);
    const data = messagePool.get();
    try {
      this.encodeValue(data, c.type, c.value);
      this.writers.pop();
      flushMessage(b, data);
    } finally {
      messagePool.put(data);
    }
  }
}

/** The elements of a []int: ints within ±2^31 written in place, others by writeGobInt64. */
function writeInts(b: ByteWriter, elems: readonly GobValue[]): void {
  for (let i = 0; i < elems.length; i++) {
    const e = elems[i]!;
    if (e.kind !== 'int') return fail(`a ${e.kind} value cannot be written as gob type ${T_INT}`);
    const n = Number(e.value);
    if (n < -0x80000000 || n >= 0x80000000) {
      writeGobInt64(b, e.value);
      continue;
    }
    if (b.pos + 5 > b.buf.length) b.ensure(5);
    const buf = b.buf;
    const p = b.pos;
    const u = n < 0 ? -2 * n - 1 : 2 * n; // the sign-folded value, below 2^32
    if (u < 0x80) {
      buf[p] = u;
      b.pos = p + 1;
      continue;
    }
    const len = u < 0x100 ? 1 : u < 0x10000 ? 2 : u < 0x1000000 ? 3 : 4;
    buf[p] = 256 - len;
    for (let k = len, x = u; k >= 1; k--, x >>>= 8) buf[p + k] = x & 0xff;
    b.pos = p + len + 1;
  }
}

/** Encodes a whole dynamic-model stream. */
export function encodeGobStream(stream: GobStream): Uint8Array {
  const w = new DynamicWriter(stream.types, stream.typeGroups);
  try {
    for (const v of stream.values) w.encodeTop(v.type, v.value);
    return w.finish();
  } finally {
    w.release();
  }
}
