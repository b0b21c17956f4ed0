/**
 * Parent side of a measured server child: forks it (`node --import tsx --expose-gc`), waits for
 * its port, asks it for its memory, reads its VmRSS from /proc, stops it, and kills it if it hangs.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { REPO_ROOT } from '../lib/config.js';
import type { ChildMessage, ParentMessage } from './child-protocol.js';

export interface ServerChild {
  port: number;
  pid: number;
  /** `process.memoryUsage()` inside the child, after a GC. */
  memory(): Promise<{ rss: number; heapUsed: number; external: number; arrayBuffers: number }>;
  /** VmRSS of the child as the kernel counts it, bytes. */
  vmRss(): number;
  /** CPU time the child has used so far (user + system, all its threads), ms; 10 ms resolution. */
  cpuMs(): number;
  /** Graceful stop; SIGKILL after 5 s. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;
/** Clock ticks per second of /proc/<pid>/stat times (`getconf CLK_TCK`: 100 on Linux x86-64). */
const CLOCK_TICKS_PER_S = 100;

export async function startServerChild(script: 'relay-child.ts' | 'bare-ws-child.ts', env: Record<string, string>): Promise<ServerChild> {
  const child: ChildProcess = fork(new URL(`./${script}`, import.meta.url).pathname, [], {
    cwd: REPO_ROOT,
    // BENCH_CHILD_NODE_OPTIONS adds flags for diagnosis, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
    execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env['BENCH_CHILD_NODE_OPTIONS'] ?? '').split(' ').filter(Boolean)],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start in ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    child.on('message', (message: ChildMessage) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      resolve(message.port);
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${script} exited before it was ready`));
    });
  });
  const pid = child.pid ?? 0;
  const post = (message: ParentMessage): void => {
    if (child.connected) child.send(message);
  };
  return {
    port,
    pid,
    memory: () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no memory answer in 10 s')), 10_000);
        const onMessage = (message: ChildMessage): void => {
          if (message.type !== 'memory') return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(message);
        };
        child.on('message', onMessage);
        post({ type: 'memory' });
      }),
    vmRss: () => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      return kb === undefined ? Number.NaN : Number(kb) * 1024;
    },
    cpuMs: () => {
      // Fields after the command name (which may hold spaces, so split after its ')'): utime is the 14th, stime the 15th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      post({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
