/**
 * Debian's `coturn` (`turnserver`) on loopback, for calls whose only ICE path is TURN: a fixed
 * user, loopback peers allowed (both browsers are on this machine), no TLS, no CLI, no database.
 * `.ci/run` installs it when it is missing; `turnServerPath()` says whether it is here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSocket } from 'node:dgram';
import { freePort } from '../relay-process.js';

export interface TurnServer {
  port: number;
  username: string;
  credential: string;
  /** The `RTCIceServer` for a TURN server at `port` (the proxy's, to impair the path). */
  iceServer(port?: number): RTCIceServer;
  stop(): Promise<void>;
}

/** Where `turnserver` is, or undefined when coturn is not installed. */
export function turnServerPath(): string | undefined {
  for (const path of [process.env.TURNSERVER_PATH, '/usr/bin/turnserver', '/usr/sbin/turnserver']) {
    if (path === undefined || path === '') continue;
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

/** A UDP port that was free a moment ago. */
async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** Starts coturn on a free loopback port; resolves once it answers a STUN binding request. */
export async function startTurnServer(): Promise<TurnServer> {
  const binary = turnServerPath();
  if (binary === undefined) throw new Error('coturn is not installed (apt-get install -y coturn)');
  const port = await freeUdpPort();
  // Relay ports of this run: a range near a free TCP port, so parallel runs rarely collide.
  const minPort = Math.min(60_000, Math.max(20_000, (await freePort()) % 40_000 + 20_000));
  const dir = mkdtempSync(join(tmpdir(), 'support-turn-'));
  const username = 'support';
  const credential = 'support-turn';
  const child: ChildProcess = spawn(
    binary,
    [
      '-n', '--no-cli', '--no-tls', '--no-dtls', '--listening-ip=127.0.0.1', '--relay-ip=127.0.0.1',
      `--listening-port=${port}`, `--min-port=${minPort}`, `--max-port=${minPort + 400}`,
      '--allow-loopback-peers', '--lt-cred-mech', `--user=${username}:${credential}`, '--realm=support.test',
      '--fingerprint', '--no-stdout-log', `--log-file=${join(dir, 'turn.log')}`, '--simple-log',
      `--pidfile=${join(dir, 'turn.pid')}`, `--userdb=${join(dir, 'turndb')}`,
    ],
    { stdio: 'ignore' },
  );
  await untilAnswers(port, child);
  return {
    port,
    username,
    credential,
    iceServer: (via = port) => ({ urls: `turn:127.0.0.1:${via}?transport=udp`, username, credential }),
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A STUN binding request (RFC 5389 header with a random transaction id). */
function bindingRequest(): Buffer {
  const request = Buffer.alloc(20);
  request.writeUInt16BE(0x0001, 0);
  request.writeUInt16BE(0, 2);
  request.writeUInt32BE(0x2112a442, 4);
  for (let i = 8; i < 20; i++) request[i] = Math.floor(Math.random() * 256);
  return request;
}

async function untilAnswers(port: number, child: ChildProcess): Promise<void> {
  const socket = createSocket('udp4');
  try {
    const answered = new Promise<void>((resolve) => socket.once('message', () => resolve()));
    for (let tries = 0; tries < 100; tries++) {
      if (child.exitCode !== null) throw new Error(`turnserver exited with ${child.exitCode}`);
      socket.send(bindingRequest(), port, '127.0.0.1');
      const ok = await Promise.race([answered.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 100))]);
      if (ok) return;
    }
    throw new Error('turnserver did not answer within 10 s');
  } finally {
    socket.close();
  }
}
