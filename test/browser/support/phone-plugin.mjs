// Commands for the phone tests (test/browser/mobile-*.test.ts): Chromium's mobile emulation
// (a phone's viewport, touch through the DevTools protocol), and screenshots of the page,
// returned as base64 PNG for the test to sample its pixels, and saved under docs/images/ when asked.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
const IMAGES = resolve(ROOT, 'docs/images');

/** `phone-emulation` ({width, height} or null to stop) and `phone-screenshot` ({save?: 'docs/images/….png'}). */
export function phonePlugin() {
  const sessions = new WeakMap();
  async function cdp(page) {
    let session = sessions.get(page);
    if (!session) {
      session = await page.context().newCDPSession(page);
      sessions.set(page, session);
    }
    return session;
  }
  return {
    name: 'phone-commands',
    async executeCommand({ command, payload, session }) {
      if (command !== 'phone-emulation' && command !== 'phone-screenshot') return undefined;
      if (session.browser.type !== 'playwright') throw new Error(`${command} needs the playwright launcher`);
      const page = session.browser.getPage(session.id);
      if (command === 'phone-emulation') {
        // The size through playwright, which owns the page's metrics (its screenshots re-apply them); touch through the protocol.
        const client = await cdp(page);
        await page.setViewportSize(payload ? { width: payload.width, height: payload.height } : { width: 800, height: 600 });
        await client.send('Emulation.setTouchEmulationEnabled', payload ? { enabled: true, maxTouchPoints: 5 } : { enabled: false });
        return true;
      }
      const png = await page.screenshot({ type: 'png', animations: 'disabled', caret: 'hide' });
      // Saved only when asked (PHONE_SCREENSHOTS=1), as THEMING_SCREENSHOTS_DIR does for the gallery: a test run leaves docs alone.
      if (payload?.save && process.env.PHONE_SCREENSHOTS === '1') {
        const target = resolve(ROOT, payload.save);
        if (!target.startsWith(`${IMAGES}/`) || !target.endsWith('.png')) throw new Error(`screenshots are saved as docs/images/*.png, not ${payload.save}`);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, png);
      }
      return png.toString('base64');
    },
  };
}
