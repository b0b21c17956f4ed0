/**
 * The banner says why a message stays "Sending" when the server is short of space (the client's
 * `held` event, produced by a relay whose disk is full in `test/reliability/disk-full.test.ts`):
 * before, the chat was silent while connected. English and Simplified Chinese.
 */
import { expect } from '@esm-bundle/chai';
import { render } from 'lit';
import { renderConnectionBanner } from '../../src/elements/connection-banner/connection-banner.js';
import { loadStrings, termsFor } from '../../src/i18n/catalog.js';
import { threadCatalog } from '../../src/i18n/en/thread.js';
import { SupportError } from '../../src/protocol/errors.js';
import type { ConnectionState } from '../../src/core/types.js';

function banner(state: ConnectionState, error: SupportError | undefined, lang = 'en'): HTMLElement {
  const host = document.createElement('div');
  render(renderConnectionBanner(state, error, termsFor(threadCatalog, lang), () => undefined), host);
  return host.querySelector<HTMLElement>('[part="banner"]') as HTMLElement;
}

describe('connection banner', () => {
  const full = new SupportError('storage-full', 'the server is short of disk space; try again later', { retryable: true });

  it('says the server is short of space while connected and my messages wait, with no retry button', async () => {
    const shown = banner('connected', full);
    expect(shown.getAttribute('role')).to.equal('status');
    expect(shown.textContent?.trim()).to.equal('The support server is short of space; your message will be sent when it can.');
    expect(shown.querySelector('[part="retry-connection-button"]') === null).to.equal(true, 'nothing to retry: the outbox does');
    await loadStrings(threadCatalog, 'zh-CN');
    expect(banner('connected', full, 'zh-CN').textContent?.trim()).to.equal('客服服务器存储空间不足；恢复后将自动发送您的消息。');
  });

  it('stays empty while connected otherwise, and the connection comes first when it is down', () => {
    expect(banner('connected', undefined).textContent?.trim()).to.equal('');
    expect(banner('reconnecting', full).textContent?.includes('Reconnecting')).to.equal(true);
  });
});
