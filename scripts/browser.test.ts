/**
 * The core entry in a real browser: scripts/browser-page.ts bundled with esbuild for
 * platform=browser (no Node polyfills: a `node:` import anywhere in the core fails the bundle),
 * served on 127.0.0.1, run in headless Chromium (the system's /usr/bin/chromium, driven by
 * playwright-core; nothing downloads a browser) over every vector in vectors/, and compared with
 * the same run in Node. Prints "browser: N/M vectors passed in Chromium, N/M in Node".
 * Without Chromium it prints a SKIPPED line (and still runs the Node half and the bundle check).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { ManifestVector } from '../conformance/runner/check.js';
import type { VectorRun } from './browser-page.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const vectorsDir = join(root, 'vectors');
const coreEntry = join(root, 'lib/index.js');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** The page script: browser-page.ts with the core taken from the packaged entry, for the browser. */
async function bundlePage(): Promise<{ code: string; inputs: string[] }> {
  const r = await build({
    entryPoints: [join(root, 'scripts/browser-page.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    globalName: 'packerWireVectors',
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'core-from-package',
        setup(b) {
          b.onResolve({ filter: /codecs\/index\.js$/ }, () => ({ path: coreEntry }));
        },
      },
    ],
  });
  return { code: r.outputFiles[0]!.text, inputs: Object.keys(r.metafile.inputs) };
}

function serve(pageJs: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (path === '/') {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><meta charset="utf-8"><title>packer-wire</title><script src="/page.js"></script>');
    } else if (path === '/page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(pageJs);
    } else if (path.startsWith('/vectors/')) {
      const file = resolve(vectorsDir, '.' + path.slice('/vectors'.length));
      if (!file.startsWith(vectorsDir + sep) || !existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(file));
    } else res.writeHead(404).end();
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })));
}

async function runInChromium(pageJs: string): Promise<VectorRun> {
  const { chromium } = await import('playwright-core');
  const { server, url } = await serve(pageJs);
  const profile = mkdtempSync(join(tmpdir(), 'packer-wire-chromium-'));
  try {
    const ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = ctx.pages()[0] ?? (await ctx.newPage());
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);
      const run = (await page.evaluate(
        (base) => (globalThis as unknown as { packerWireVectors: { runInPage(b: string): Promise<unknown> } }).packerWireVectors.runInPage(base),
        url + 'vectors/',
      )) as VectorRun;
      assert.equal(errors, [], 'page errors');
      return run;
    } finally {
      await ctx.close();
    }
  } finally {
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function runInNode(): Promise<VectorRun> {
  // the same page code, on the same packaged core entry, reading the files from disk
  const { code } = await bundlePage();
  const mod = { exports: {} as { runAll?: (v: ManifestVector[], read: (p: string) => Uint8Array) => VectorRun } };
  new Function('module', 'exports', code + '\nmodule.exports = packerWireVectors;')(mod, mod.exports);
  const manifest = JSON.parse(readFileSync(join(vectorsDir, 'manifest.json'), 'utf8')) as { vectors: ManifestVector[] };
  return mod.exports.runAll!(manifest.vectors, (p) => new Uint8Array(readFileSync(join(vectorsDir, p))));
}

test('the core entry bundles for platform=browser with no Node built-ins', async () => {
  assert.ok(existsSync(coreEntry), 'lib/index.js is built (npm run build)');
  const { inputs } = await bundlePage();
  assert.equal(
    inputs.filter((i) => i.startsWith('node:') || /^(fs|path|url|net|stream|crypto|child_process|os|buffer)$/.test(i)),
    [],
  );
  // and the core entry alone, as a consumer's bundler would see it
  const alone = await build({ entryPoints: [coreEntry], bundle: true, write: false, platform: 'browser', format: 'esm', logLevel: 'silent', metafile: true });
  assert.is(alone.errors.length, 0);
  assert.ok(!Object.keys(alone.metafile.inputs).some((i) => i.startsWith('node:')));
  // no Node global either: a `Buffer` fast path would be dead weight (or a crash) in a browser
  const buffer = /\bBuffer\b/.exec(alone.outputFiles[0]!.text);
  assert.is(
    buffer,
    null,
    `the browser bundle names Buffer: …${buffer ? alone.outputFiles[0]!.text.slice(Math.max(0, buffer.index - 60), buffer.index + 40) : ''}…`,
  );
});

test('every vector passes in Chromium as in Node', async () => {
  const node = await runInNode();
  assert.ok(node.total > 0, 'vectors/manifest.json lists vectors');
  if (!existsSync(CHROMIUM)) {
    console.log(`\nSKIPPED: browser: no Chromium at ${CHROMIUM} (apt-get install chromium); ${node.passed}/${node.total} vectors passed in Node`);
    return;
  }
  const browser = await runInChromium((await bundlePage()).code);
  console.log(`\nbrowser: ${browser.passed}/${browser.total} vectors passed in Chromium, ${node.passed}/${node.total} in Node`);
  console.log(
    `browser: families ${Object.entries(browser.families)
      .map(([f, n]) => `${f} ${n}`)
      .join(', ')}`,
  );
  assert.equal(browser.families, node.families);
  assert.is(browser.total, node.total);
  assert.equal(browser.failures, node.failures, 'the same vectors fail (if any) with the same reasons');
  assert.is(browser.passed, node.passed);
});

test.run();
