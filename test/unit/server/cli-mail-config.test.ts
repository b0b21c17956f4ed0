/** The relay's mail settings from the environment (issue 17): SUPPORT_SMTP_URL needs a sender and a public URL; each mistake is one line. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, serveConfig } from '../../../server/cli-config.js';
import { tempDir } from './relay-harness.js';

const base = { SUPPORT_SECRET: 'x'.repeat(40) };

describe('mail configuration', () => {
  it('reads SUPPORT_SMTP_URL, SUPPORT_MAIL_FROM, SUPPORT_PUBLIC_URL and SUPPORT_MAIL_DELAY_MINUTES', () => {
    const config = serveConfig([], { ...base, DATA_DIR: tempDir(), SUPPORT_SMTP_URL: 'smtps://u:p@mail.example:465', SUPPORT_MAIL_FROM: 'support@shop.example', SUPPORT_PUBLIC_URL: 'https://help.shop.example', SUPPORT_MAIL_DELAY_MINUTES: '5' });
    assert.deepEqual([config.smtpUrl, config.mailFrom, config.publicUrl, config.mailDelayMs], ['smtps://u:p@mail.example:465', 'support@shop.example', 'https://help.shop.example', 300_000]);
    const none = serveConfig([], { ...base, DATA_DIR: tempDir() });
    assert.deepEqual([none.smtpUrl, none.mailFrom, none.mailDelayMs], [undefined, undefined, undefined]);
  });

  it('refuses SMTP without a sender or a public URL, and URLs that are not URLs', () => {
    for (const env of [
      { SUPPORT_SMTP_URL: 'smtp://mail.example' },
      { SUPPORT_SMTP_URL: 'smtp://mail.example', SUPPORT_MAIL_FROM: 'support@shop.example' },
      { SUPPORT_SMTP_URL: 'http://mail.example', SUPPORT_MAIL_FROM: 'a@b.c', SUPPORT_PUBLIC_URL: 'https://help.shop.example' },
      { SUPPORT_PUBLIC_URL: 'help.shop.example' },
      { SUPPORT_MAIL_DELAY_MINUTES: 'soon' },
    ]) {
      assert.throws(() => serveConfig([], { ...base, DATA_DIR: tempDir(), ...env }), ConfigError, JSON.stringify(env));
    }
  });
});
