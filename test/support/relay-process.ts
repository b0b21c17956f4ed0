/**
 * Starts the real relay server as a child process (as `npm start` does: demo mode unless `env`
 * sets `SUPPORT_DEMO`), for end-to-end and crash tests. Parses the first stdout line for the URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RelayProcess {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** SIGKILL (crash) or SIGTERM (graceful); resolves when the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A port that was free a moment ago (so a restarted server can take the same one). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function tempDataDir(prefix = 'support-e2e-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface StartRelayOptions {
  port?: number;
  dataDir: string;
  env?: Record<string, string>;
  /** Node arguments that start the relay; default the repository's `server/cli.ts serve` through tsx. */
  command?: string[];
  cwd?: string;
}

export async function startRelay(options: StartRelayOptions): Promise<RelayProcess> {
  const command = options.command ?? ['--import', 'tsx', 'server/cli.ts', 'serve'];
  const child = spawn(process.execPath, command, {
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      DATA_DIR: options.dataDir,
      // Demo mode (demo sign-in, demo pages, its own secret: never the operator's) unless the caller's env says otherwise.
      SUPPORT_SECRET: '',
      SUPPORT_DEMO: '1',
      // Demo mode turns the assistant on (issue 18); other features' tests run without it, as before.
      SUPPORT_ASSISTANT: 'off',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`relay did not start in 20 s: ${stderr}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`relay exited with ${code}: ${stderr}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    dataDir: options.dataDir,
    child,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}
