/**
 * A fresh wire layout for a model that has none (built from canonical JSON): the session the
 * SDK's host and plugin would have produced for these calls, written as Go writes it.
 *
 * - A stream is opened when its first call comes: the opener sends WindowUpdate+SYN (delta 0)
 *   and a Data frame with the 4-byte broker id; the acceptor answers WindowUpdate+ACK and a Data
 *   frame echoing the id.
 * - Each call's request, then its response, as Data frames; every frame is two writes (header,
 *   then payload), each write one record.
 * - Flow control as yamux does it: a sender never exceeds its window (256 KiB plus what it was
 *   granted), and a receiver that has taken in 128 KiB or more grants it back in one
 *   WindowUpdate.
 * - Bytes not tied to a call (raw streams, leftovers) follow at the end, stream by stream.
 */
import { WireError } from '../wire/errors.js';
import { Flag, FrameType, HEADER_SIZE, INITIAL_STREAM_WINDOW, PROTO_VERSION, type FrameType as FrameTypeT } from '../yamux/frame.js';
import type { StreamContent } from './content.js';
import { otherSide, type Side, type TranscriptModel, type TranscriptStream, type WireLayout } from './model.js';

const GRANT_AT = INITIAL_STREAM_WINDOW / 2;

interface Flow {
  st: TranscriptStream;
  content: StreamContent;
  opened: boolean;
  /** Bytes of each side's content already sent. */
  sent: Record<Side, number>;
  /** Next message index per side. */
  next: Record<Side, number>;
  /** Send window left per side, and bytes received but not yet granted back per receiving side. */
  window: Record<Side, number>;
  pending: Record<Side, number>;
}

export function synthesizeLayout(model: TranscriptModel, contents: Map<number, StreamContent>): WireLayout {
  const layout: WireLayout = { records: [], frames: [], pieces: new Map() };
  const frame = (side: Side, type: FrameTypeT, flags: number, streamId: number, length: number, payload: number) => {
    layout.frames.push({ side, version: PROTO_VERSION, type, flags, streamId, length });
    layout.records.push({ side, length: HEADER_SIZE });
    if (payload > 0) layout.records.push({ side, length: payload });
  };

  const flows = new Map<number, Flow>();
  for (const st of model.streams) {
    flows.set(st.yamuxId, {
      st,
      content: contents.get(st.yamuxId)!,
      opened: false,
      sent: { host: 0, plugin: 0 },
      next: { host: 0, plugin: 0 },
      window: { host: INITIAL_STREAM_WINDOW, plugin: INITIAL_STREAM_WINDOW },
      pending: { host: 0, plugin: 0 },
    });
  }

  const send = (fl: Flow, side: Side, n: number) => {
    const id = fl.st.yamuxId;
    const peer = otherSide(side);
    while (n > 0) {
      const k = Math.min(n, fl.window[side]);
      frame(side, FrameType.Data, 0, id, k, k);
      fl.window[side] -= k;
      fl.sent[side] += k;
      fl.pending[peer] += k;
      n -= k;
      if (fl.pending[peer] >= GRANT_AT) {
        frame(peer, FrameType.WindowUpdate, 0, id, fl.pending[peer], 0);
        fl.window[side] += fl.pending[peer];
        fl.pending[peer] = 0;
      }
    }
  };

  const open = (fl: Flow) => {
    if (fl.opened) return;
    fl.opened = true;
    const { st, content } = fl;
    const acceptor = otherSide(st.opener);
    frame(st.opener, FrameType.WindowUpdate, Flag.SYN, st.yamuxId, 0, 0);
    send(fl, st.opener, content[st.opener].prefix);
    frame(acceptor, FrameType.WindowUpdate, Flag.ACK, st.yamuxId, 0, 0);
    send(fl, acceptor, content[acceptor].prefix);
  };

  /** Sends the side's next message (or nothing when it has none left). */
  const sendMessage = (fl: Flow, side: Side) => {
    const c = fl.content[side];
    const i = fl.next[side]++;
    if (i >= c.messageEnds.length) return;
    send(fl, side, c.messageEnds[i]! - fl.sent[side]);
  };

  for (const call of model.calls) {
    const fl = flows.get(call.yamuxStream);
    if (!fl) throw new WireError('yamux', 0, `call ${call.request.header.serviceMethod} on yamux stream ${call.yamuxStream}, which the model does not list`);
    if (fl.st.opener !== call.caller)
      throw new WireError(
        'yamux',
        0,
        `call ${call.request.header.serviceMethod} by the ${call.caller} on yamux stream ${call.yamuxStream}, which the ${fl.st.opener} opened`,
      );
    open(fl);
    sendMessage(fl, call.caller);
    if (call.response) sendMessage(fl, otherSide(call.caller));
  }
  for (const fl of flows.values()) {
    open(fl);
    for (const side of [fl.st.opener, otherSide(fl.st.opener)]) send(fl, side, fl.content[side].bytes.length - fl.sent[side]);
  }
  return layout;
}
