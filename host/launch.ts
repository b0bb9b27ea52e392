/**
 * Starting a plugin process the way Packer does, and making sure none outlives us.
 *
 * `launchPlugin(binary, args)` runs the binary with the magic cookie and port range in its
 * environment, in its own process group, and reads the first stdout line as the handshake
 * (`parseHandshake`, Packer's rules). Afterwards stdout keeps being drained (a plugin must never
 * block on a full pipe) and the last 64 KiB of stderr are kept for error messages.
 *
 * The plugin's temporary directory: each plugin gets a private directory the host makes (mode
 * 0700, under the host's temp directory) and names in the plugin's `TMPDIR`, so the SDK's
 * `tmp.File("packer-plugin")` puts its unix socket there. Once the plugin has exited the host
 * removes that directory and what is in it, and nothing else: a socket the handshake names
 * elsewhere is never touched, and a directory that is no longer the one we made (a different
 * inode, or replaced by a symlink) is left alone.
 *
 * Every started process is tracked until it exits. On our own exit (`process.on('exit')`) every
 * tracked process group gets SIGKILL, and so on SIGINT/SIGTERM/SIGHUP when the program has no
 * handler of its own for that signal (the handler then re-raises it, so the program dies of it as
 * it would without this library); a program that handles the signal itself decides what becomes
 * of its plugins. The handlers are only installed while something is tracked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { lstatSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHandshake, type Handshake } from '../codecs/protocol/handshake.js';
import { pluginEnvironment } from './process.js';
import { HostError } from './errors.js';

export interface LaunchOptions {
  /** Environment of the plugin (default: ours plus the magic cookie and port range). */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the handshake line (Packer: 1 minute). */
  handshakeTimeoutMs?: number;
  /** Bytes of stderr kept (the tail). */
  stderrLimit?: number;
  /**
   * Where the plugin's private temporary directory is made (default: `os.tmpdir()`). Its path
   * goes to the plugin as TMPDIR (Unix); it is removed with its contents once the plugin exits.
   */
  privateDirParent?: string;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const MAX_HANDSHAKE_LINE = 64 * 1024;

// ---- tracking every child, killing them on our way out ----

const live = new Set<ChildProcess>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let hooksInstalled = false;

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

/** Kills every plugin process this library started and that is still running. */
export function killAllPlugins(): void {
  for (const c of live) killGroup(c);
}

function onExit(): void {
  killAllPlugins();
}

function onSignal(signal: NodeJS.Signals): void {
  // The program handles the signal itself (`packer-wire build` cancels the build and waits for
  // the plugins' cleanup, as Packer does): its plugins are its business.
  if (process.listenerCount(signal) > 1) return;
  killAllPlugins();
  uninstallHooks();
  // Nobody else handles it: do what Node would have done without our handler.
  process.kill(process.pid, signal);
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', onExit);
  for (const s of SIGNALS) process.on(s, onSignal);
}

function uninstallHooks(): void {
  if (!hooksInstalled) return;
  hooksInstalled = false;
  process.off('exit', onExit);
  for (const s of SIGNALS) process.off(s, onSignal);
}

function track(child: ChildProcess): void {
  live.add(child);
  installHooks();
}

function untrack(child: ChildProcess): void {
  live.delete(child);
  if (live.size === 0) uninstallHooks();
}

/** How many started plugin processes have not exited yet. */
export function livePluginCount(): number {
  return live.size;
}

// ---- one process ----

export class PluginProcess {
  private stderrTail = '';
  private status: ExitStatus | null = null;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<ExitStatus>;
  handshake!: Handshake;
  /** The handshake line as printed. */
  line = '';

  constructor(
    readonly child: ChildProcess,
    readonly binary: string,
    readonly args: readonly string[],
    private readonly stderrLimit: number,
    /** The directory the host made for this plugin (its TMPDIR), removed after its exit; null on Windows. */
    readonly privateDir: PrivateDir | null = null,
  ) {
    this.exited = new Promise((resolve) => {
      // Resolved once stdout/stderr are drained too ('close'), so stderr() holds the plugin's
      // last words (a Go panic's stack); but not later than 250 ms after the exit, in case a
      // process the plugin left behind still holds the pipes.
      child.once('exit', (code, signal) => {
        this.status = { code, signal };
        untrack(child);
        this.removePrivateDir();
        setTimeout(() => resolve(this.status!), 250).unref();
      });
      child.once('close', () => {
        if (this.status) resolve(this.status);
      });
      // A spawn failure emits 'error' and no 'exit'.
      child.once('error', () => {
        if (child.pid === undefined) {
          this.status = { code: null, signal: null };
          untrack(child);
          this.removePrivateDir();
          resolve(this.status);
        }
      });
    });
    child.stderr?.on('data', (b: Buffer) => {
      this.stderrTail += b.toString('utf8');
      if (this.stderrTail.length > 2 * this.stderrLimit) this.stderrTail = this.stderrTail.slice(-this.stderrLimit);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The exit status once the process has exited, else null. */
  get exitStatus(): ExitStatus | null {
    return this.status;
  }

  /** The last bytes the plugin wrote on stderr (its log). */
  stderr(): string {
    return this.stderrTail.length > this.stderrLimit ? this.stderrTail.slice(-this.stderrLimit) : this.stderrTail;
  }

  describeExit(): string {
    const s = this.status;
    if (!s) return 'still running';
    return s.signal ? `killed by ${s.signal}` : `exit code ${s.code}`;
  }

  /** SIGKILL to the plugin's whole process group. */
  kill(): void {
    killGroup(this.child);
  }

  /**
   * Waits up to `graceMs` for the process to exit by itself, then kills its group and waits up
   * to `killWaitMs` more. Never rejects; resolves with the exit status (null if even SIGKILL
   * was not reaped in time, which only a stuck kernel would cause).
   */
  async stop(graceMs = 2000, killWaitMs = 5000): Promise<ExitStatus | null> {
    if (this.status) return this.status;
    if (await waitFor(this.exited, graceMs)) return this.status;
    this.kill();
    await waitFor(this.exited, killWaitMs);
    return this.status;
  }

  /** Removes the plugin's private directory and its contents: only if it is still the one we made. */
  private removePrivateDir(): void {
    if (this.privateDir) removePrivateDir(this.privateDir);
  }
}

/** A directory made for one plugin: its path and identity (device and inode) when made. */
export interface PrivateDir {
  path: string;
  dev: number;
  ino: number;
}

function makePrivateDir(parent: string): PrivateDir {
  const path = mkdtempSync(join(parent, 'packer-wire-')); // mode 0700
  const st = lstatSync(path);
  return { path, dev: st.dev, ino: st.ino };
}

function removePrivateDir(d: PrivateDir): void {
  try {
    const st = lstatSync(d.path);
    // Not ours any more (replaced, or a symlink now): leave it alone.
    if (!st.isDirectory() || st.dev !== d.dev || st.ino !== d.ino) return;
    rmSync(d.path, { recursive: true, force: true }); // symlinks inside are unlinked, not followed
  } catch {
    /* gone already */
  }
}

async function waitFor(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
  try {
    return await Promise.race([p.then(() => true as const), t]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts `binary args…` and reads its handshake. Rejects with HostError `start` (spawn failure,
 * exit before the line, a line Packer refuses: `cause` is the HandshakeError) or `timeout`; the
 * process is killed and reaped before the promise rejects.
 */
export async function launchPlugin(binary: string, args: readonly string[], options: LaunchOptions = {}): Promise<PluginProcess> {
  const timeoutMs = options.handshakeTimeoutMs ?? 60_000;
  const unix = process.platform !== 'win32';
  let privateDir: PrivateDir | null = null;
  try {
    if (unix) privateDir = makePrivateDir(options.privateDirParent ?? tmpdir());
  } catch (e) {
    throw new HostError('start', `${binary} ${args.join(' ')}: cannot make the plugin's temporary directory: ${(e as Error).message}`, { cause: e });
  }
  const env = { ...(options.env ?? pluginEnvironment()), ...(privateDir ? { TMPDIR: privateDir.path } : {}) };
  const child = spawn(binary, args as string[], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
    detached: unix, // own process group, so the whole group can be killed
  });
  const proc = new PluginProcess(child, binary, args, options.stderrLimit ?? 64 * 1024, privateDir);
  if (child.pid !== undefined) track(child);
  child.stdout!.on('error', () => {});
  child.stderr!.on('error', () => {});

  const failure = (code: 'start' | 'timeout', msg: string, cause?: unknown) => {
    const tail = proc.stderr().trim().slice(-1000);
    return new HostError(code, `${binary} ${args.join(' ')}: ${msg}${tail ? `; stderr: ${tail}` : ''}`, cause === undefined ? undefined : { cause });
  };

  try {
    const line = await new Promise<string>((resolve, reject) => {
      let buf: Buffer = Buffer.alloc(0);
      const timer = setTimeout(() => reject(failure('timeout', `no handshake line within ${timeoutMs} ms`)), timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
      };
      const onData = (b: Buffer) => {
        buf = buf.length === 0 ? b : Buffer.concat([buf, b]);
        const nl = buf.indexOf(0x0a);
        if (nl < 0) {
          if (buf.length > MAX_HANDSHAKE_LINE) {
            cleanup();
            reject(failure('start', `no newline in the first ${MAX_HANDSHAKE_LINE} bytes of output`));
          }
          return;
        }
        cleanup();
        resolve(buf.subarray(0, nl + 1).toString('utf8'));
      };
      child.stdout!.on('data', onData);
      child.once('error', (e) => {
        cleanup();
        reject(failure('start', `cannot run: ${e.message}`, e));
      });
      proc.exited.then((s) => {
        cleanup();
        reject(failure('start', `exited before its handshake (${s.signal ? `signal ${s.signal}` : `code ${s.code}`})`));
      });
    });
    child.stdout!.resume(); // keep draining: the plugin must never block on stdout
    proc.line = line;
    try {
      proc.handshake = parseHandshake(line);
    } catch (e) {
      throw failure('start', `refused handshake line ${JSON.stringify(line.slice(0, 200))}: ${(e as Error).message}`, e);
    }
    return proc;
  } catch (e) {
    await proc.stop(0);
    throw e;
  }
}
