/**
 * The demo's theming gallery (`/demo/theming.html`) through the real relay: three inline chats of one
 * customer, each styled only with documented tokens and parts. They look different (header colour,
 * corner radius, font), and a message sent in one shows in all three.
 *
 * `THEMING_SCREENSHOTS_DIR=docs/images node --import tsx --test test/e2e/theming-gallery.e2e.test.ts`
 * also writes the screenshots shown in docs/theming.md.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { freePort, startRelay, tempDataDir, type RelayProcess } from '../support/relay-process.js';

const WAIT = { timeout: 15_000 };
const LOOKS = ['look-default', 'look-dark-brand', 'look-playful'] as const;

describe('theming gallery', () => {
  let browser: Browser;
  let relay: RelayProcess;
  let data: ReturnType<typeof tempDataDir>;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    data = tempDataDir();
    relay = await startRelay({ port: await freePort(), dataDir: data.dir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
    page.on('pageerror', (error) => pageErrors.push(String(error)));
  });

  after(async () => {
    await browser?.close();
    await relay?.stop('SIGKILL');
    data?.remove();
  });

  /** Computed style of a part inside the chat of one look. */
  function styleOf(look: string, part: string, property: string): Promise<string> {
    return page
      .locator(`.${look} support-chat [part~="${part}"]`)
      .first()
      .evaluate((el, name) => getComputedStyle(el).getPropertyValue(name), property);
  }

  it('shows three different looks made from documented tokens only', async () => {
    await page.goto(`${relay.url}/demo/theming.html`);
    for (const look of LOOKS) await page.locator(`.${look} support-chat [part~="input"]`).waitFor(WAIT);
    const headers = await Promise.all(LOOKS.map((look) => styleOf(look, 'header', 'background-color')));
    const radii = await Promise.all(LOOKS.map((look) => styleOf(look, 'panel', 'border-top-left-radius')));
    const fonts = await Promise.all(LOOKS.map((look) => styleOf(look, 'input', 'font-family')));
    assert.equal(new Set(headers).size, 3, `three header colours: ${headers.join(' | ')}`);
    assert.deepEqual(radii.slice(1), ['2px', '22px'], 'the dark brand is square, the playful one round');
    assert.match(fonts[1] ?? '', /Georgia/);
    assert.equal(headers[1], 'rgb(245, 177, 61)', 'the dark brand header is its amber');
  });

  it('one conversation in three looks: a message sent in one shows in all', async () => {
    const input = page.locator('.look-playful support-chat [part~="input"]');
    await input.fill('Does the X12 Pro charge wirelessly?');
    await input.press('Enter');
    for (const look of LOOKS) {
      await page.locator(`.${look} support-chat [part~="message"]`, { hasText: 'Does the X12 Pro charge wirelessly?' }).waitFor(WAIT);
    }
    const dir = process.env.THEMING_SCREENSHOTS_DIR;
    if (dir !== undefined && dir !== '') {
      await page.screenshot({ path: join(dir, 'theming-gallery.png') });
    }
  });

  it('raised no uncaught page errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});
