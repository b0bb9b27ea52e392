/**
 * Where a hung worker is: the supervisor attaches the inspector to the worker (NodeWorker domain),
 * pauses it and reads its call frames, mapped back to the TypeScript sources through the .js.map
 * files tsc writes. V8 services inspector messages by interrupting running JavaScript, so this
 * works on a worker stuck in a loop.
 */
import { Session } from 'node:inspector';
import { sourceLocation } from './sourcemap.js';

interface CallFrame {
  functionName: string;
  url: string;
  location: { scriptId: string; lineNumber: number; columnNumber?: number };
}

function mapFrame(f: CallFrame, urls: ReadonlyMap<string, string>): string {
  const url = f.url || urls.get(f.location.scriptId) || '';
  const where = sourceLocation(url, f.location.lineNumber + 1, (f.location.columnNumber ?? 0) + 1);
  return f.functionName ? `${f.functionName} (${where})` : where;
}

/** The hung worker's stack (innermost first), or [] when it cannot be read within `timeoutMs`. */
export function stackOfWorker(threadId: number, timeoutMs = 2000): Promise<string[]> {
  const s = new Session();
  s.connect();
  let sessionId: string | null = null;
  let id = 1;
  const send = (method: string): void => {
    if (sessionId) s.post('NodeWorker.sendMessageToWorker', { sessionId, message: JSON.stringify({ id: id++, method, params: {} }) });
  };
  return new Promise<string[]>((resolve) => {
    const finish = (frames: string[]): void => {
      clearTimeout(timer);
      // Let the worker run again (a paused worker cannot be terminated), then let go of it.
      send('Debugger.resume');
      try {
        if (sessionId) s.post('NodeWorker.detach', { sessionId });
        s.disconnect();
      } catch {
        /* already gone */
      }
      resolve(frames);
    };
    const timer = setTimeout(() => finish([]), timeoutMs);
    // The inspector numbers workers its own way; the title names the thread ("[worker 9]").
    s.on('NodeWorker.attachedToWorker', (m: { params: { sessionId: string; workerInfo: { title: string } } }) => {
      if (m.params.workerInfo.title !== `[worker ${threadId}]` || sessionId) return;
      sessionId = m.params.sessionId;
      send('Debugger.enable');
      send('Debugger.pause');
    });
    // Debugger.enable announces every script (its id and URL) before the pause takes effect.
    const urls = new Map<string, string>();
    s.on('NodeWorker.receivedMessageFromWorker', (m: { params: { message: string } }) => {
      const msg = JSON.parse(m.params.message) as { method?: string; params?: { callFrames?: CallFrame[]; scriptId?: string; url?: string } };
      if (msg.method === 'Debugger.scriptParsed') urls.set(msg.params!.scriptId!, msg.params!.url!);
      else if (msg.method === 'Debugger.paused') finish(msg.params!.callFrames!.slice(0, 16).map((f) => mapFrame(f, urls)));
    });
    s.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
  });
}
