/**
 * Running plugin binaries the way Packer does: `describe` (stdout parsed as a description) and
 * `start …` (environment with the magic cookie and port range, first stdout line read as the
 * handshake within a time limit). Every child is killed when its caller is done or fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { WireError } from '../codecs/wire/index.js';
import { parseDescribe, type PluginDescription } from '../codecs/protocol/describe.js';
import { parseHandshake, type Handshake } from '../codecs/protocol/handshake.js';

export const MAGIC_COOKIE_KEY = 'PACKER_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

/** The environment Packer adds for a started plugin (its own environment comes first). */
export function pluginEnvironment(base: NodeJS.ProcessEnv = process.env, minPort = 10000, maxPort = 25000): NodeJS.ProcessEnv {
  return { ...base, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PACKER_PLUGIN_MIN_PORT: String(minPort), PACKER_PLUGIN_MAX_PORT: String(maxPort) };
}

export interface DescribeResult {
  description: PluginDescription;
  /** The exact stdout bytes. */
  stdout: Uint8Array;
}

/** An environment without the magic cookie: Packer runs `describe` with its own, which has none. */
export function withoutCookie(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...base };
  delete env[MAGIC_COOKIE_KEY];
  return env;
}

/** Runs `BINARY describe` (by default without the magic cookie, as Packer does) and parses its stdout as Packer does. */
export function runDescribe(binary: string, timeoutMs = 30_000, env: NodeJS.ProcessEnv = withoutCookie(process.env)): Promise<DescribeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['describe'], { stdio: ['ignore', 'pipe', 'pipe'], env });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${binary} describe: no exit within ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => (err += b.toString('utf8')));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`${binary} describe exited with ${code}: ${err.trim()}`));
      const stdout = new Uint8Array(Buffer.concat(out));
      try {
        resolve({ description: parseDescribe(stdout), stdout });
      } catch (e) {
        reject(e);
      }
    });
  });
}

export interface StartedPlugin {
  child: ChildProcess;
  handshake: Handshake;
  /** The handshake line as printed (newline included). */
  line: string;
  /** Everything the plugin wrote on stderr so far (its log). */
  stderr(): string;
  /** Kills the plugin (SIGKILL) and waits for it to exit. */
  kill(): Promise<void>;
}

/**
 * Starts a plugin with `args` (e.g. `['start', 'datasource', '--protobuf', 'tester']`) and reads
 * the handshake line. Rejects (and kills the child) when the plugin exits first, when the line is
 * refused, or after `timeoutMs` (Packer: 1 minute).
 */
export function startPlugin(binary: string, args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<StartedPlugin> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? pluginEnvironment() });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    let done = false;
    const finish = (e: Error | null, value?: StartedPlugin) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stdout!.resume(); // keep draining stdout so the plugin never blocks on it
      if (e) {
        void kill();
        reject(e);
      } else resolve(value!);
    };
    const timer = setTimeout(() => finish(new Error(`timeout while waiting for plugin to start (${timeoutMs} ms)`)), timeoutMs);
    const onData = (b: Buffer) => {
      buf = Buffer.concat([buf, b]);
      const nl = buf.indexOf(0x0a);
      if (nl < 0) {
        if (buf.length > 64 * 1024) finish(new WireError('protocol', 0, 'no newline in the first 64 KiB of plugin output'));
        return;
      }
      const line = buf.subarray(0, nl + 1).toString('utf8');
      try {
        finish(null, { child, handshake: parseHandshake(line), line, stderr: () => stderr, kill });
      } catch (e) {
        finish(e as Error);
      }
    };
    child.stdout!.on('data', onData);
    child.once('error', (e) => finish(e));
    child.once('exit', (code, signal) =>
      finish(new Error(`plugin exited before we could connect (code ${code}, signal ${signal}): ${stderr.trim().slice(-500)}`)),
    );
  });
}
