/** `support-widget serve` as a real child process takes its upload limit from SUPPORT_MAX_UPLOAD_BYTES. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { SECRET, TestClient, customerToken, tempDir } from '../server/relay-harness.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const LISTENING = /^support-widget relay listening on http:\/\/localhost:(\d+)$/;

describe('relay process: SUPPORT_MAX_UPLOAD_BYTES', { timeout: 30_000 }, () => {
  const dataDir = tempDir('relay-upload-cli-');
  let child: ChildProcess | undefined;

  after(async () => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses one byte over the configured limit and accepts the limit itself', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, SUPPORT_SECRET: SECRET, SUPPORT_DEMO: '0', SUPPORT_MAX_UPLOAD_BYTES: '1000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout = child.stdout;
    assert.ok(stdout !== null);
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('relay did not start')), 15_000);
      createInterface({ input: stdout }).once('line', (line) => {
        clearTimeout(timer);
        const port = LISTENING.exec(line)?.[1];
        if (port === undefined) reject(new Error(`unexpected first line: ${line}`));
        else resolve(`http://127.0.0.1:${port}`);
      });
    });
    const token = customerToken('ana');
    const { client } = await TestClient.connect(url, token);
    await client.close();
    const post = (size: number): Promise<Response> =>
      fetch(`${url}/uploads?conversationId=c-ana&name=x.bin`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        body: new Uint8Array(size).fill(1),
        signal: AbortSignal.timeout(5000),
      });
    const over = await post(1001);
    assert.equal(over.status, 413);
    assert.equal(((await over.json()) as { code: string }).code, 'upload-too-large');
    const exact = await post(1000);
    assert.equal(exact.status, 201);
    assert.equal(((await exact.json()) as { size: number }).size, 1000);
  });
});
