#!/usr/bin/env node
// A host process for the build tests: runs the build description FILE (JSON) with packer-wire's
// build API (dist/) and prints one JSON line on stdout:
//   { error, code, artifacts, says, ms, maxRssMiB }
// `says` are the Ui texts of the build (say/message/error), `maxRssMiB` this process's peak RSS
// as the kernel reports it (resourceUsage().maxRSS), so a test can bound the host's memory alone.
//   node build-host.mjs FILE
import { readFileSync } from 'node:fs';

const { runBuild } = await import(new URL('../../dist/host/index.js', import.meta.url).href);
const d = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const says = [];
const t0 = performance.now();
const r = await runBuild(d, { onUi: (e) => says.push(e.text) });
process.stdout.write(
  `${JSON.stringify({
    error: r.error ? String(r.error.message) : null,
    code: r.error?.code ?? null,
    artifacts: r.artifacts,
    says,
    ms: Math.round(performance.now() - t0),
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
