/**
 * The per-stream summary the Go harness writes into a transcript vector's `context.streams`:
 * yamux id, broker id, opener, kind and how many bytes each side sent (ids included).
 */
import { streamContents } from './content.js';
import { otherSide, type StreamSummary, type TranscriptModel } from './model.js';

export function streamSummaries(model: TranscriptModel): StreamSummary[] {
  const contents = streamContents(model);
  return model.streams.map((st) => {
    const c = contents.get(st.yamuxId)!;
    return {
      yamuxStream: st.yamuxId,
      stream: st.brokerId ?? 0,
      opener: st.opener,
      kind: st.kind,
      bytesFromOpener: c[st.opener].bytes.length,
      bytesFromAcceptor: c[otherSide(st.opener)].bytes.length,
    };
  });
}
