/**
 * The Ui a host serves to a plugin (the SDK's UiServer, rpc/ui.go and
 * rpc/ui_progress_tracking.go), and a client for a Ui the plugin serves to us (during Hook.Run).
 *
 * Served methods, each with its request body as the SDK's Ui client sends it:
 *   Ui.Say(string), Ui.Message(string), Ui.Error(string), Ui.Machine({Category, Args}),
 *   Ui.Ask(string) -> string,
 *   Ui.NewTrackProgress({Src, TotalSize, CurrentSize}) -> tracking id; the server then serves
 *   "Ui" + id with Add(int) (bytes read, one call per Read) and Close(nil).
 * The tracking id is Src followed by 6 random letters and digits, as the SDK's server makes it.
 */
import { randomInt } from 'node:crypto';
import type { RpcServer } from './rpc-server.js';
import type { RpcClient } from './rpc-client.js';

export interface ProgressTracker {
  add?(bytes: bigint): void | Promise<void>;
  close?(): void | Promise<void>;
}

/** What the host does with a plugin's Ui calls. Every method is optional. */
export interface HostUi {
  say?(message: string): void | Promise<void>;
  message?(message: string): void | Promise<void>;
  error?(message: string): void | Promise<void>;
  machine?(category: string, args: string[]): void | Promise<void>;
  /** The answer to a question (default: the empty string). */
  ask?(query: string): string | Promise<string>;
  trackProgress?(src: string, currentSize: bigint, totalSize: bigint): ProgressTracker | void;
}

export type UiEvent =
  | { kind: 'say' | 'message' | 'error' | 'ask'; text: string }
  | { kind: 'machine'; category: string; args: string[] }
  | { kind: 'track'; src: string; currentSize: bigint; totalSize: bigint; id: string }
  | { kind: 'progress'; id: string; bytes: bigint }
  | { kind: 'progress-close'; id: string };

/** A HostUi that records every call in order and answers every question with `answer`. */
export class RecordingUi implements HostUi {
  readonly events: UiEvent[] = [];
  private lastTrack = '';
  /** Called after each recorded event (e.g. to cancel a build when a line appears). */
  onEvent: ((e: UiEvent) => void) | undefined;

  constructor(readonly answer = 'yes') {}

  private push(e: UiEvent): void {
    this.events.push(e);
    this.onEvent?.(e);
  }

  say(text: string): void {
    this.push({ kind: 'say', text });
  }
  message(text: string): void {
    this.push({ kind: 'message', text });
  }
  error(text: string): void {
    this.push({ kind: 'error', text });
  }
  machine(category: string, args: string[]): void {
    this.push({ kind: 'machine', category, args });
  }
  ask(text: string): string {
    this.push({ kind: 'ask', text });
    return this.answer;
  }
  trackProgress(src: string, currentSize: bigint, totalSize: bigint): ProgressTracker {
    const id = `${src}#${this.events.length}`;
    this.lastTrack = id;
    this.push({ kind: 'track', src, currentSize, totalSize, id });
    return {
      add: (bytes) => this.push({ kind: 'progress', id, bytes }),
      close: () => this.push({ kind: 'progress-close', id }),
    };
  }

  /** The texts of every event of one kind. */
  texts(kind: 'say' | 'message' | 'error' | 'ask'): string[] {
    return this.events.flatMap((e) => (e.kind === kind ? [e.text] : []));
  }

  /** Bytes reported through progress trackers, in total. */
  progressBytes(): bigint {
    let n = 0n;
    for (const e of this.events) if (e.kind === 'progress') n += e.bytes;
    return n;
  }

  get lastTrackerId(): string {
    return this.lastTrack;
  }
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomAlnum(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALNUM[randomInt(ALNUM.length)];
  return s;
}

const str = (body: unknown): string => (typeof body === 'string' ? body : '');

/** Registers the "Ui" service (and progress trackers as they are asked for) on `server`. */
export function serveUi(server: RpcServer, ui: HostUi): void {
  server.register('Ui', {
    Say: async (b) => void (await ui.say?.(str(b))),
    Message: async (b) => void (await ui.message?.(str(b))),
    Error: async (b) => void (await ui.error?.(str(b))),
    Machine: async (b) => {
      const m = (b ?? {}) as { Category?: string; Args?: string[] | null };
      await ui.machine?.(m.Category ?? '', m.Args ?? []);
      return null;
    },
    Ask: async (b) => (await ui.ask?.(str(b))) ?? '',
    NewTrackProgress: (b) => {
      const p = (b ?? {}) as { Src?: string; TotalSize?: bigint; CurrentSize?: bigint };
      const src = p.Src ?? '';
      const id = src + randomAlnum(6);
      const tracker = ui.trackProgress?.(src, p.CurrentSize ?? 0n, p.TotalSize ?? 0n) ?? {};
      server.register('Ui' + id, {
        Add: async (n) => void (await tracker.add?.(typeof n === 'bigint' ? n : 0n)),
        Close: async () => {
          await tracker.close?.();
          return null;
        },
      });
      return id;
    },
  });
}

/** A Ui the plugin serves (Hook.Run's stream): the SDK's Ui client. */
export class RemoteUi {
  constructor(private readonly rpc: RpcClient) {}
  async say(message: string): Promise<void> {
    await this.rpc.call('Ui.Say', message);
  }
  async message(message: string): Promise<void> {
    await this.rpc.call('Ui.Message', message);
  }
  async error(message: string): Promise<void> {
    await this.rpc.call('Ui.Error', message);
  }
  async machine(category: string, ...args: string[]): Promise<void> {
    await this.rpc.call('Ui.Machine', { Category: category, Args: args });
  }
  async ask(query: string): Promise<string> {
    return await this.rpc.call('Ui.Ask', query);
  }
}
