/**
 * The real plugin binaries the interop runner talks to: conformance/.work/bin/plugins.json as
 * written by conformance/scripts/build-plugins.sh (or $PACKER_WIRE_PLUGIN_BIN/plugins.json).
 * When the list or a binary in it is missing and Go is installed, the script is run first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PluginBuild {
  name: string;
  plugin: string;
  pluginVersion: string;
  sdkVersion: string;
  goVersion: string;
  path: string;
  protocolV2: boolean;
}

/** The repository root (this file runs from dist/conformance/interop/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export function binDir(): string {
  return process.env['PACKER_WIRE_PLUGIN_BIN'] ?? resolve(repoRoot, 'conformance/.work/bin');
}

/** The builds listed in plugins.json whose binary exists, or why there are none. */
export function loadPlugins(): { builds: PluginBuild[]; missing: string[] } | string {
  const file = resolve(binDir(), 'plugins.json');
  if (!existsSync(file)) return `no ${file}`;
  let list: PluginBuild[];
  try {
    list = JSON.parse(readFileSync(file, 'utf8')) as PluginBuild[];
  } catch (e) {
    return `${file}: ${(e as Error).message}`;
  }
  const builds = list.filter((b) => existsSync(b.path));
  const missing = list.filter((b) => !existsSync(b.path)).map((b) => b.name);
  if (builds.length === 0) return `${file} lists no binary that exists`;
  return { builds, missing };
}

export function goAvailable(): boolean {
  const r = spawnSync('go', ['version'], { stdio: 'ignore' });
  return r.status === 0;
}

/**
 * The plugin builds, building them first when they are absent (or some are missing) and Go is
 * installed. `{skipped}` says why there is nothing to run. Build output goes to stderr.
 */
export function ensurePlugins(log: (line: string) => void, build = true): { builds: PluginBuild[] } | { skipped: string } {
  let got = loadPlugins();
  if (typeof got === 'string' || got.missing.length > 0) {
    const why = typeof got === 'string' ? got : `missing binaries: ${got.missing.join(', ')}`;
    if (!build) {
      if (typeof got === 'string') return { skipped: `${why} (building was not asked for)` };
      return { builds: got.builds };
    }
    if (!goAvailable()) {
      if (typeof got === 'string') return { skipped: `${why}, and Go is not installed to build them (conformance/scripts/build-plugins.sh)` };
      log(`interop: ${why}; Go is not installed, running with the binaries that exist`);
      return { builds: got.builds };
    }
    if (process.env['PACKER_WIRE_PLUGIN_BIN']) {
      if (typeof got === 'string') return { skipped: `${why} (PACKER_WIRE_PLUGIN_BIN is set, so nothing is built)` };
      return { builds: got.builds };
    }
    log(`interop: ${why}; building the plugins (bash conformance/scripts/build-plugins.sh) ...`);
    const r = spawnSync('bash', [resolve(repoRoot, 'conformance/scripts/build-plugins.sh')], { cwd: repoRoot, stdio: ['ignore', 2, 2] });
    if (r.status !== 0) log(`interop: build-plugins.sh exited with ${r.status ?? r.signal}; running with what was built`);
    got = loadPlugins();
    if (typeof got === 'string') return { skipped: `${got} after running build-plugins.sh` };
  }
  return { builds: got.builds };
}
