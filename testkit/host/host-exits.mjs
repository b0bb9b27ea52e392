#!/usr/bin/env node
// A host program that starts a (fake) plugin with packer-wire's host library and then leaves
// without closing it, for the exit-hook tests:
//   node host-exits.mjs exit     calls process.exit(0) with the plugin still running
//   node host-exits.mjs signal   waits to be killed by SIGTERM (no handler of its own)
//   node host-exits.mjs throw    dies of an uncaught exception
// It prints "plugin <pid>" on stdout once the plugin is up.
const { startSession } = await import(new URL('../../dist/host/index.js', import.meta.url).href);
const fake = new URL('fake-plugin.mjs', import.meta.url).pathname;
const how = process.argv[2] ?? 'exit';
const s = await startSession(process.execPath, [fake, 'never-answer'], { protocol: 'gob' }, { kind: 'builder', component: 'fake' });
process.stdout.write(`plugin ${s.process.pid}\n`);
if (how === 'exit') process.exit(0);
if (how === 'throw')
  setTimeout(() => {
    throw new Error('host-exits: uncaught on purpose');
  }, 10);
setInterval(() => {}, 1 << 30);
