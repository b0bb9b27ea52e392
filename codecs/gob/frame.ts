/**
 * Message framing shared by the typed and dynamic encoders.
 *
 * Go's Encoder assembles each message in a buffer that starts with 9 spare bytes, then writes
 * the byte count and the message to the current writer (`writeMessage`). The current writer is
 * the stream at top level and, while the value inside an interface is being encoded, the buffer
 * of the enclosing message: a type definition needed inside an interface flushes everything
 * assembled so far (the enclosing value's bytes, the interface name, the definition) as one
 * count-prefixed chunk into that writer. Reproducing this exactly is what makes our bytes equal
 * Go's when interfaces introduce types mid-value.
 */
import { ByteWriter } from '../wire/writer.js';
import { writeGobUint } from './wire.js';

/** Bytes kept free at the head of a message buffer (Go's maxLength). */
export const SPARE = 9;

/** A message buffer: a ByteWriter whose first SPARE bytes are reserved. */
export function newMessageBuffer(size = 256): ByteWriter {
  const w = new ByteWriter(size);
  w.pos = SPARE;
  return w;
}

export function resetMessage(b: ByteWriter): void {
  b.pos = SPARE;
}

/** Go's writeMessage: count-prefix what `b` holds, append it to `dst`, empty `b`. */
export function flushMessage(dst: ByteWriter, b: ByteWriter): void {
  const n = b.pos - SPARE;
  writeGobUint(dst, n);
  dst.writeBytes(b.buf.subarray(SPARE, b.pos));
  b.pos = SPARE;
}

/** Go's per-composite encoder state: where to write, whether zero values are sent, last field. */
export interface EncState {
  b: ByteWriter;
  sendZero: boolean;
  fieldnum: number;
}

/** Writes the field delta when `field` >= 0 (struct fields and the singleton's field 0). */
export function update(st: EncState, field: number): void {
  if (field >= 0) {
    writeGobUint(st.b, field - st.fieldnum);
    st.fieldnum = field;
  }
}

/**
 * Message buffers for reuse. Use is strictly nested (an interface value's buffer, a GobEncode
 * method's whole nested stream), so one pool serves every encoder in the program.
 */
export class BufferPool {
  private readonly free: ByteWriter[] = [];
  /** A buffer with the spare head reserved. */
  get(): ByteWriter {
    const b = this.free.pop();
    if (b) {
      b.pos = SPARE;
      return b;
    }
    return newMessageBuffer();
  }
  put(b: ByteWriter): void {
    if (this.free.length < 32 && b.buf.length <= 1 << 20) this.free.push(b);
  }
}

export const messagePool = new BufferPool();
