/** The assistant's environment (issue 18): off by default, on with a knowledge base or in demo mode, strict about its values. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assistantFromEnv } from '../../../server/assistant/assistant-config.js';
import { LlmProvider } from '../../../server/assistant/llm-provider.js';
import { OfflineProvider } from '../../../server/assistant/offline-provider.js';
import { ConfigError, serveConfig } from '../../../server/cli-config.js';

const demoDir = join(import.meta.dirname, '../../../demo');
const kb = join(demoDir, 'kb');

describe('assistantFromEnv', () => {
  it('is off unless a knowledge base is set or the relay runs the demo', () => {
    assert.equal(assistantFromEnv({}, false, demoDir), undefined);
    assert.equal(assistantFromEnv({ SUPPORT_ASSISTANT: 'off' }, true, demoDir), undefined);
    const demo = assistantFromEnv({}, true, demoDir);
    assert.ok(typeof demo === 'object' && demo.provider instanceof OfflineProvider);
    const shop = assistantFromEnv({ SUPPORT_ASSISTANT_KB: kb, SUPPORT_ASSISTANT_THRESHOLD: '0.4' }, false, demoDir);
    assert.ok(typeof shop === 'object' && shop.threshold === 0.4);
  });

  it('builds the LLM provider from its URL, key and model', () => {
    const llm = assistantFromEnv({ SUPPORT_ASSISTANT: 'llm', SUPPORT_ASSISTANT_KB: kb, SUPPORT_ASSISTANT_URL: 'http://127.0.0.1:9/v1', SUPPORT_ASSISTANT_MODEL: 'm' }, false, demoDir);
    assert.ok(typeof llm === 'object' && llm.provider instanceof LlmProvider);
  });

  it('refuses unknown modes, missing settings, bad numbers and a broken knowledge base with one line each', () => {
    const reasons = [
      assistantFromEnv({ SUPPORT_ASSISTANT: 'yes' }, false, demoDir),
      assistantFromEnv({ SUPPORT_ASSISTANT: 'kb' }, false, demoDir),
      assistantFromEnv({ SUPPORT_ASSISTANT: 'llm', SUPPORT_ASSISTANT_KB: kb }, false, demoDir),
      assistantFromEnv({ SUPPORT_ASSISTANT: 'llm', SUPPORT_ASSISTANT_KB: kb, SUPPORT_ASSISTANT_URL: 'https://api.example/v1' }, false, demoDir),
      assistantFromEnv({ SUPPORT_ASSISTANT_KB: kb, SUPPORT_ASSISTANT_THRESHOLD: '2' }, false, demoDir),
    ];
    const broken = mkdtempSync(join(tmpdir(), 'kb-'));
    writeFileSync(join(broken, 'a.md'), '---\ntitle: A\nlang: fr\n---\nbody');
    reasons.push(assistantFromEnv({ SUPPORT_ASSISTANT_KB: broken }, false, demoDir));
    for (const reason of reasons) assert.equal(typeof reason, 'string', JSON.stringify(reason));
    assert.match(String(reasons[0]), /SUPPORT_ASSISTANT must be one of off, kb, llm/);
    assert.match(String(reasons[5]), /lang must be one of en, zh-CN/);
    assert.throws(() => serveConfig([], { SUPPORT_SECRET: 'x'.repeat(40), SUPPORT_ASSISTANT: 'maybe' }), ConfigError);
  });
});
