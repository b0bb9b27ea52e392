/**
 * TranscriptModel -> transcript bytes. The streams' content is written afresh (rpc messages by
 * the rpc codec, ids little-endian) and laid out over the model's recorded frames and records:
 * each Data frame takes the next bytes of its stream side, headers are written by the yamux
 * frame writer, and the two byte streams are cut into records where the recorded ones were cut.
 * A model without a recorded layout (built from canonical JSON) gets a fresh one (layout.ts).
 *
 * When the content is what was recorded, every frame and record keeps its length (a decoded Go
 * session re-encodes to Go's bytes). When a message changed length, the frames and records it
 * was recorded in stretch or shrink with it (ContentMap), so every message still starts in the
 * frame and record it started in, and the calls keep their order.
 */
import { WireError } from '../wire/errors.js';
import { ByteWriter } from '../wire/writer.js';
import { FrameType, HEADER_SIZE, encodeHeader } from '../yamux/frame.js';
import { streamContents, type StreamContent } from './content.js';
import { synthesizeLayout } from './layout.js';
import type { Side, TranscriptModel, WireLayout } from './model.js';

const SIDES: readonly Side[] = ['host', 'plugin'];

/**
 * Maps offsets of a side's recorded content to offsets of its new content, piece by piece: an
 * offset inside piece k keeps its distance from the piece's start (clamped to the new piece's
 * length), and the end of the recorded content is the end of the new. With pieces that do not
 * correspond (a different count), the whole side is one piece.
 */
class ContentMap {
  private readonly oldEnds: number[];
  private readonly newEnds: number[];

  constructor(oldEnds: number[] | undefined, oldTotal: number, newEnds: number[], newTotal: number) {
    const ok =
      oldEnds !== undefined && oldEnds.length === newEnds.length && oldEnds[oldEnds.length - 1] === oldTotal && newEnds[newEnds.length - 1] === newTotal;
    this.oldEnds = ok ? oldEnds : [oldTotal];
    this.newEnds = ok ? newEnds : [newTotal];
  }

  map(p: number): number {
    const { oldEnds, newEnds } = this;
    let lo = 0;
    let hi = oldEnds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (oldEnds[mid]! > p) hi = mid;
      else lo = mid + 1;
    }
    // piece lo: the first whose end is past p (or the last)
    const oldEnd = oldEnds[lo]!;
    const newEnd = newEnds[lo]!;
    if (p >= oldEnd) return newEnd;
    const oldStart = lo === 0 ? 0 : oldEnds[lo - 1]!;
    const newStart = lo === 0 ? 0 : newEnds[lo - 1]!;
    return newStart + Math.min(p - oldStart, newEnd - newStart);
  }
}

/** A frame as recorded and as written now: positions in its sender's byte stream. */
interface Placed {
  oldStart: number;
  oldLength: number;
  newStart: number;
  newLength: number;
  /** Data frames: the recorded content offset of the payload's first byte, and the side's map. */
  contentStart: number;
  map: ContentMap | null;
}

export function encodeTranscript(model: TranscriptModel): Uint8Array {
  const contents = streamContents(model);
  const layout = model.layout ?? synthesizeLayout(model, contents);
  return writeLayout(layout, contents);
}

const key = (side: Side, streamId: number) => `${side}:${streamId}`;

/** The content map of every stream side that has Data frames. */
function contentMaps(layout: WireLayout, contents: Map<number, StreamContent>): Map<string, ContentMap> {
  const oldTotal = new Map<string, number>();
  for (const f of layout.frames) {
    if (f.type !== FrameType.Data) continue;
    if (!contents.has(f.streamId)) throw new WireError('yamux', 0, `a Data frame for yamux stream ${f.streamId}, which the model does not have`);
    const k = key(f.side, f.streamId);
    oldTotal.set(k, (oldTotal.get(k) ?? 0) + f.length);
  }
  const maps = new Map<string, ContentMap>();
  for (const [id, c] of contents) {
    for (const side of SIDES) {
      const k = key(side, id);
      const total = oldTotal.get(k);
      const now = c[side].bytes.length;
      if (total === undefined) {
        if (now > 0) throw new WireError('yamux', 0, `the ${side} has ${now} bytes for yamux stream ${id} but the layout has no Data frame for them`);
        continue;
      }
      maps.set(k, new ContentMap(layout.pieces.get(id)?.[side], total, c[side].pieces, now));
    }
  }
  return maps;
}

function writeLayout(layout: WireLayout, contents: Map<number, StreamContent>): Uint8Array {
  const maps = contentMaps(layout, contents);
  const out: Record<Side, ByteWriter> = { host: new ByteWriter(4096), plugin: new ByteWriter(4096) };
  const placed: Record<Side, Placed[]> = { host: [], plugin: [] };
  const oldPos: Record<Side, number> = { host: 0, plugin: 0 };
  const consumed = new Map<string, number>();
  const header = new Uint8Array(HEADER_SIZE);
  for (const f of layout.frames) {
    const w = out[f.side];
    const newStart = w.pos;
    let map: ContentMap | null = null;
    let contentStart = 0;
    if (f.type === FrameType.Data) {
      const k = key(f.side, f.streamId);
      map = maps.get(k)!;
      contentStart = consumed.get(k) ?? 0;
      consumed.set(k, contentStart + f.length);
      const from = map.map(contentStart);
      const to = map.map(contentStart + f.length);
      if (to - from > 0xffffffff) throw new WireError('yamux', 0, `Data frame of ${to - from} bytes on yamux stream ${f.streamId}`);
      w.writeBytes(encodeHeader(f.type, f.flags, f.streamId, to - from, header));
      w.writeBytes(contents.get(f.streamId)![f.side].bytes.subarray(from, to));
    } else {
      w.writeBytes(encodeHeader(f.type, f.flags, f.streamId, f.length, header));
    }
    const oldLength = HEADER_SIZE + (f.type === FrameType.Data ? f.length : 0);
    placed[f.side].push({ oldStart: oldPos[f.side], oldLength, newStart, newLength: w.pos - newStart, contentStart, map });
    oldPos[f.side] += oldLength;
  }

  // Record boundaries, moved with the frames and content they fell in.
  const bytes: Record<Side, Uint8Array> = { host: out.host.bytes(), plugin: out.plugin.bytes() };
  const recEnd: Record<Side, number> = { host: 0, plugin: 0 };
  const mappedStart: Record<Side, number> = { host: 0, plugin: 0 };
  const cuts: { side: Side; start: number; end: number }[] = [];
  let total = 0;
  for (const r of layout.records) {
    recEnd[r.side] += r.length;
    if (recEnd[r.side] > oldPos[r.side]) throw new WireError('yamux', 0, `the layout's ${r.side} records hold more bytes than its frames (${oldPos[r.side]})`);
    const end = mapPosition(placed[r.side], recEnd[r.side], bytes[r.side].length);
    cuts.push({ side: r.side, start: mappedStart[r.side], end });
    total += 5 + end - mappedStart[r.side];
    mappedStart[r.side] = end;
  }
  for (const side of SIDES) {
    if (recEnd[side] !== oldPos[side])
      throw new WireError('yamux', 0, `the layout's ${side} records hold ${recEnd[side]} bytes but its frames ${oldPos[side]}`);
  }
  const file = new Uint8Array(total);
  const view = new DataView(file.buffer);
  let p = 0;
  for (const c of cuts) {
    file[p] = c.side === 'host' ? 0 : 1;
    view.setUint32(p + 1, c.end - c.start, false);
    file.set(bytes[c.side].subarray(c.start, c.end), p + 5);
    p += 5 + c.end - c.start;
  }
  return file;
}

/** Where recorded byte position `pos` of a side lands in its new byte stream (`end`: the new length). */
function mapPosition(frames: Placed[], pos: number, end: number): number {
  let lo = 0;
  let hi = frames.length - 1;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (frames[mid]!.oldStart <= pos) lo = mid;
    else hi = mid - 1;
  }
  const f = frames[lo]!;
  const into = pos - f.oldStart;
  if (into >= f.oldLength) return lo === frames.length - 1 ? end : f.newStart + f.newLength;
  if (into <= HEADER_SIZE || !f.map) return f.newStart + Math.min(into, f.newLength);
  const from = f.map.map(f.contentStart);
  return f.newStart + HEADER_SIZE + (f.map.map(f.contentStart + into - HEADER_SIZE) - from);
}
