/**
 * The worker thread of decode-offload.ts: decodes one payload and posts it back packed
 * (payload-transfer.ts), or posts the failure as data (a WireError's codec, offset, reason).
 */
import { parentPort } from 'node:worker_threads';
import { isWireError } from '../codecs/wire/index.js';
import { decodeSpecPayload, decodeValuePayload } from './payloads.js';
import { packPayload } from './payload-transfer.js';
import type { DecodeRequest, DecodeReply } from './decode-offload.js';

parentPort!.once('message', (m: DecodeRequest) => {
  let reply: DecodeReply;
  try {
    const decoded = m.kind === 'value' ? decodeValuePayload(m.bytes, m.mode) : decodeSpecPayload(m.bytes, m.mode, m.what);
    reply = { ok: true, packed: packPayload(decoded) };
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    reply = {
      ok: false,
      message: e instanceof Error ? e.message : String(e),
      wire: isWireError(cause) ? { codec: cause.codec, offset: cause.offset, reason: cause.reason } : null,
    };
  }
  parentPort!.postMessage(reply);
});
