#!/usr/bin/env node
// A hostile stand-in for a Packer plugin, for the host's limit tests (no Go needed).
//
//   node hostile-plugin.mjs MODE
//
// It checks the magic cookie, prints a handshake line, accepts the host's connection and then
// attacks at the yamux or net/rpc level, writing raw frames (packer-wire's compiled frame code
// from dist/ builds the headers). The plugin itself respects its socket's backpressure, so its
// own memory stays small while it floods. Modes:
//   foreign-socket   the handshake names the unix socket in FAKE_SOCKET_PATH (another program's);
//                    the plugin then exits after 300 ms
//   stream-flood     opens stream after stream (SYN on a Data frame), each carrying 256 KiB
//                    (a full window) that begins with an unknown broker id, and never closes one
//   syn-storm        sends SYN after SYN (WindowUpdate+SYN, new stream ids), nothing else
//   ping-flood       sends Ping+SYN frames without end and never reads the socket
//   huge-frame       acks the host's stream 0, then sends a Data frame declaring 4 GiB on it
//   huge-message     acks broker stream 0; answers the first request with a net/rpc message whose
//                    body declares a 4 GiB []byte and then streams bytes
//   late-flood       serves broker stream 0 properly; at the first request opens stream after
//                    stream through its own yamux session, each carrying 256 KiB
//   request-flood    a builder whose Builder.Run dials the host's Ui stream and sends Ui.Say
//                    requests without end, never reading the answers
//   expensive-value  a datasource whose Execute answer is a valid but slow-to-decode go-cty
//                    msgpack value: FAKE_VALUE_HEX (hex), or with FAKE_SET_SIZE=n a set of n
//                    distinct numbers near 1 with FAKE_SET_ZEROS zeros after the point
//                    (`expensiveNumberSet`); ConfigSpec etc. are not served
// Every mode ignores SIGTERM and never exits on its own unless it says so.
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../../dist/', import.meta.url);
const mode = process.argv[2] ?? 'stream-flood';

process.on('SIGTERM', () => {});
setInterval(() => {}, 1 << 30); // stay alive

if (process.env.PACKER_PLUGIN_MAGIC_COOKIE !== 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2') {
  process.stderr.write('hostile: not started by a host (no magic cookie)\n');
  process.exit(1);
}

const { encodeHeader, FrameType, Flag, FrameParser } = await import(new URL('codecs/yamux/index.js', dist).href);
const { YamuxSession } = await import(new URL('host/yamux/session.js', dist).href);
const { MuxBroker } = await import(new URL('host/yamux/broker.js', dist).href);
const { RpcFrameReader, encodeResponse, encodeRequest } = await import(new URL('codecs/rpc/index.js', dist).href);

if (mode === 'foreign-socket') {
  process.stdout.write(`5|0|unix|${process.env.FAKE_SOCKET_PATH}\n`);
  setTimeout(() => process.exit(0), 300);
} else {
  serve();
}

/** Writes `make()` again and again, waiting for 'drain' whenever the socket is full. */
function flood(socket, make) {
  const pump = () => {
    while (!socket.destroyed) {
      if (!socket.write(make())) return socket.once('drain', pump);
    }
  };
  pump();
}

function serve() {
  const path = join(tmpdir(), `hostile-plugin-${process.pid}.sock`);
  const server = createServer((socket) => {
    server.close();
    socket.on('error', () => {});
    socket.on('close', () => process.exit(0));
    switch (mode) {
      case 'stream-flood': {
        let id = 2;
        const payload = new Uint8Array(256 * 1024);
        flood(socket, () => {
          new DataView(payload.buffer).setUint32(0, 1000 + id, true); // a broker id nobody accepts
          const h = encodeHeader(FrameType.Data, Flag.SYN, id, payload.length);
          id += 2;
          return Buffer.concat([h, payload]);
        });
        return;
      }
      case 'syn-storm': {
        let id = 2;
        flood(socket, () => {
          const batch = [];
          for (let i = 0; i < 1000; i++, id += 2) batch.push(encodeHeader(FrameType.WindowUpdate, Flag.SYN, id, 0));
          return Buffer.concat(batch);
        });
        return;
      }
      case 'ping-flood': {
        socket.pause(); // never read: our answers pile up on the host's side
        let n = 0;
        flood(socket, () => {
          const batch = [];
          for (let i = 0; i < 1000; i++) batch.push(encodeHeader(FrameType.Ping, Flag.SYN, 0, n++ >>> 0));
          return Buffer.concat(batch);
        });
        return;
      }
      case 'huge-frame': {
        // Wait for the host's SYN of stream 1 (broker stream 0), then lie about a frame's length.
        const parser = new FrameParser((f) => {
          if (f.streamId !== 1 || !(f.flags & Flag.SYN)) return;
          socket.write(encodeHeader(FrameType.WindowUpdate, Flag.ACK, 1, 0));
          socket.write(encodeHeader(FrameType.Data, 0, 1, 0xfffffff0));
          flood(socket, () => new Uint8Array(64 * 1024));
        });
        socket.on('data', (b) => parser.push(b));
        return;
      }
      default:
        rpcPlugin(socket);
    }
  });
  server.listen(path, () => process.stdout.write(`5|0|unix|${path}\n`));
}

/** A plugin with a real yamux session and broker stream 0 that misbehaves in net/rpc. */
function rpcPlugin(socket) {
  const session = new YamuxSession(socket, { client: false, limits: { maxStreams: 1e9 } });
  const broker = new MuxBroker(session);
  broker.run();
  broker.accept(0, 10_000).then(
    (stream) => {
      stream.on('error', () => {});
      const reader = new RpcFrameReader({ direction: 'request' });
      stream.on('data', (chunk) => {
        reader.push(chunk);
        for (let m = reader.next(); m; m = reader.next()) onRequest(stream, m, session, broker);
      });
    },
    () => {},
  );
}

function onRequest(stream, m, session, broker) {
  const header = { serviceMethod: m.header.serviceMethod, seq: m.header.seq };
  if (mode === 'request-flood' && m.header.serviceMethod === 'Builder.Run') {
    broker.dial(Number(m.body), 10_000).then(
      (ui) => {
        ui.on('error', () => {});
        ui.pause(); // never read the answers
        const say = 'x'.repeat(1000);
        let seq = 0;
        const pump = () => {
          while (!ui.destroyed) if (!ui.write(encodeRequest({ serviceMethod: 'Ui.Say', seq: seq++ }, say))) return ui.once('drain', pump);
        };
        pump();
      },
      () => {},
    );
    return;
  }
  if (mode === 'late-flood') {
    const payload = new Uint8Array(256 * 1024);
    const next = () =>
      session.open().then(
        (s) => {
          s.on('error', () => {});
          s.write(payload);
          setImmediate(next);
        },
        () => {},
      );
    next();
    return;
  }
  if (mode === 'huge-message') {
    // A response header, then a body: a map with one key and a bin32 of 0xffffffff bytes.
    const head = encodeResponse(header, { ConfigSpec: new Uint8Array(0) });
    // Replace the body by hand: fixmap(1) "ConfigSpec" bin32 len=0xffffffff, then filler.
    const key = Buffer.from('ConfigSpec');
    const bodyStart = Buffer.concat([Buffer.from([0x81, 0xa0 | key.length]), key, Buffer.from([0xc6, 0xff, 0xff, 0xff, 0xff])]);
    const headerOnly = head.subarray(0, head.length - (1 + 1 + key.length + 2)); // drop `{ConfigSpec: bin8 0}`
    stream.write(Buffer.concat([headerOnly, bodyStart]));
    const filler = new Uint8Array(64 * 1024);
    const pump = () => {
      while (!stream.destroyed) if (!stream.write(filler)) return stream.once('drain', pump);
    };
    pump();
    return;
  }
  if (mode === 'expensive-value' && m.header.serviceMethod === 'Datasource.Execute') {
    const n = Number(process.env.FAKE_SET_SIZE ?? 0);
    const value = n > 0 ? expensiveNumberSet(n, Number(process.env.FAKE_SET_ZEROS ?? 20)) : Buffer.from(process.env.FAKE_VALUE_HEX ?? '', 'hex');
    stream.write(encodeResponse(header, { Value: new Uint8Array(value) }));
    return;
  }
  stream.write(encodeResponse({ ...header, error: `hostile: ${m.header.serviceMethod} not served` }, {}));
}

/** go-cty msgpack with DynamicPseudoType, [type JSON, value]: a set of n distinct numbers near 1. */
export function expensiveNumberSet(n, zeros) {
  const typeJson = Buffer.from('["set","number"]');
  const parts = [Buffer.from([0x92, 0xc4, typeJson.length]), typeJson, Buffer.from([0xdd, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff])];
  for (let i = 0; i < n; i++) {
    const s = Buffer.from(`1.${'0'.repeat(zeros)}${String(i).padStart(7, '0')}`);
    parts.push(s.length < 32 ? Buffer.from([0xa0 + s.length]) : Buffer.from([0xd9, s.length]), s);
  }
  return Buffer.concat(parts);
}
