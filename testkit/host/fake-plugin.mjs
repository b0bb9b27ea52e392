#!/usr/bin/env node
// A misbehaving stand-in for a Packer plugin, for the host's fault tests (no Go needed).
//
//   node fake-plugin.mjs MODE
//
// It checks the magic cookie like the SDK, prints a handshake line and serves a unix socket with
// a yamux server session and broker stream 0 (using packer-wire's own compiled yamux and rpc
// code from dist/), then misbehaves as MODE says. Modes before the socket:
//   no-handshake, exit-before-handshake, bad-handshake, endless-line
// Modes on the socket:
//   yamux-garbage      writes bytes that are not yamux frames as soon as the host connects
//   exit-mid-call      exits (code 3) when the first request arrives
//   never-answer       reads requests and never answers
//   close-stream       half-closes broker stream 0 (FIN) when a request arrives
//   reset-stream       resets broker stream 0 (RST) when a request arrives
//   rpc-garbage        answers a request with bytes that are not a net/rpc message
//   remote-error       answers every request with a net/rpc error "fake: boom"
//   reorder            answers Artifact.Id calls in reverse order, each with "id-<seq>"
//   grandchild         like never-answer, and starts a child process of its own (pid on stderr)
// With FAKE_NETWORK=tcp the socket modes listen on 127.0.0.1 and print a tcp handshake.
// Every mode ignores SIGTERM and never exits on its own unless it says so.
import { createServer } from 'node:net';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../../dist/', import.meta.url);
const mode = process.argv[2] ?? 'never-answer';

process.on('SIGTERM', () => {});
setInterval(() => {}, 1 << 30); // stay alive

if (process.env.PACKER_PLUGIN_MAGIC_COOKIE !== 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2') {
  process.stderr.write('fake: not started by a host (no magic cookie)\n');
  process.exit(1);
}

switch (mode) {
  case 'no-handshake':
    process.stderr.write('fake: never printing a handshake\n');
    break;
  case 'exit-before-handshake':
    process.stderr.write('fake: giving up before the handshake\n');
    process.exit(7);
    break;
  case 'bad-handshake':
    process.stdout.write('6|0|unix|/nonexistent/socket\n');
    break;
  case 'endless-line':
    process.stdout.write('x'.repeat(200 * 1024));
    break;
  default:
    await serve();
}

async function serve() {
  const { YamuxSession } = await import(new URL('host/yamux/session.js', dist).href);
  const { MuxBroker } = await import(new URL('host/yamux/broker.js', dist).href);
  const { RpcFrameReader, encodeResponse } = await import(new URL('codecs/rpc/index.js', dist).href);
  // tmpdir() is the private directory the host made for us (TMPDIR); the host removes it after we exit
  const path = join(tmpdir(), `fake-plugin-${process.pid}-${Date.now()}.sock`);
  const server = createServer((socket) => {
    server.close();
    socket.on('error', () => {});
    if (mode === 'yamux-garbage') {
      socket.write('HTTP/1.1 400 Bad Request\r\n\r\nthis is not yamux');
      return;
    }
    const session = new YamuxSession(socket, { client: false });
    const broker = new MuxBroker(session);
    broker.run();
    broker.accept(0, 10_000).then(
      (stream) => {
        stream.on('error', () => {});
        const reader = new RpcFrameReader({ direction: 'request' });
        const held = [];
        stream.on('data', (chunk) => {
          reader.push(chunk);
          for (let m = reader.next(); m; m = reader.next()) onRequest(m);
        });
        function reply(m, body, error = '') {
          stream.write(encodeResponse({ serviceMethod: m.header.serviceMethod, seq: m.header.seq, error }, error ? {} : body));
        }
        function onRequest(m) {
          switch (mode) {
            case 'exit-mid-call':
              process.stderr.write(`fake: exiting during ${m.header.serviceMethod}\n`);
              process.exit(3);
              return;
            case 'close-stream':
              stream.end();
              return;
            case 'reset-stream':
              session.sendReset(stream.id);
              return;
            case 'rpc-garbage':
              stream.write(Uint8Array.of(0x83, 0xc1, 0xc1, 0xc1));
              return;
            case 'remote-error':
              reply(m, {}, 'fake: boom');
              return;
            case 'reorder':
              held.push(m);
              if (held.length === 3) for (const h of held.reverse()) reply(h, `id-${h.header.seq}`);
              return;
            default:
              return; // never-answer, grandchild
          }
        }
      },
      () => {},
    );
  });
  const tcp = process.env.FAKE_NETWORK === 'tcp';
  const listening = () => {
    if (mode === 'grandchild') {
      const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
      process.stderr.write(`fake: grandchild pid ${child.pid}\n`);
    }
    process.stdout.write(tcp ? `5|0|tcp|127.0.0.1:${server.address().port}\n` : `5|0|unix|${path}\n`);
  };
  if (tcp) server.listen(0, '127.0.0.1', listening);
  else server.listen(path, listening);
}
