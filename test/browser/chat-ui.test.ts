import { expect } from '@esm-bundle/chai';
import { fixture, html } from '@open-wc/testing-helpers';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/define.js';
import { SupportChat } from '../../src/elements/support-chat/support-chat.js';
import { waitFor } from './support/relay.js';
import { focusedPart, isShown, maybePart, part } from './support/shadow.js';

/** A chat with no server: the UI alone. */
async function chat(template = html`<support-chat></support-chat>`): Promise<SupportChat> {
  const element = await fixture<SupportChat>(template);
  await element.updateComplete;
  return element;
}

describe('<support-chat> UI', () => {
  it('renders the documented parts and no placeholder buttons', async () => {
    const el = await chat();
    await el.loadPanel(); // closed: the panel's module has not necessarily arrived yet
    for (const name of ['launcher', 'panel', 'header', 'messages', 'composer', 'input', 'send-button']) {
      expect(maybePart(el, name) !== null, `part ${name}`).to.equal(true);
    }
    expect(maybePart(el, 'attach-button') === null).to.equal(true);
    expect(maybePart(el, 'call-button') === null).to.equal(true);
    expect(part(el, 'panel').getAttribute('role')).to.equal('dialog');
    expect(part(el, 'messages').getAttribute('role')).to.equal('log');
    expect(part(el, 'messages').getAttribute('aria-live')).to.equal('polite');
  });

  it('toggles the panel from the launcher', async () => {
    const el = await chat();
    const launcher = part(el, 'launcher');
    expect(isShown(part(el, 'panel'))).to.equal(false);
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    launcher.click();
    await el.updateComplete;
    expect(el.open).to.equal(true);
    expect(el.hasAttribute('open')).to.equal(true);
    expect(isShown(part(el, 'panel'))).to.equal(true);
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
    launcher.click();
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(isShown(part(el, 'panel'))).to.equal(false);
  });

  it('moves focus into the panel, closes on Escape and returns focus to the launcher', async () => {
    const el = await chat();
    part(el, 'launcher').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.open).to.equal(true);
    expect(focusedPart(el)).to.equal('textarea[part=input]');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(focusedPart(el)).to.equal('button[part=launcher]');
  });

  it('keeps Tab inside the open panel', async () => {
    const el = await chat();
    el.show();
    await el.updateComplete;
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      await sendKeys({ press: 'Tab' });
      seen.add(focusedPart(el));
    }
    expect([...seen].every((name) => name !== 'none' && name !== 'button[part=launcher]'), [...seen].join(', ')).to.equal(true);
    expect(seen.has('button[part=close-button]')).to.equal(true);
    for (let i = 0; i < 8; i++) {
      await sendKeys({ press: 'Shift+Tab' });
      seen.add(focusedPart(el));
    }
    expect([...seen].every((name) => name !== 'none' && name !== 'button[part=launcher]'), [...seen].join(', ')).to.equal(true);
  });

  it('inline mode shows the panel without a launcher and ignores Escape', async () => {
    const el = await chat(html`<support-chat inline></support-chat>`);
    expect(maybePart(el, 'launcher') === null).to.equal(true);
    expect(isShown(part(el, 'panel'))).to.equal(true);
    expect(part(el, 'panel').getAttribute('role')).to.equal('region');
    part(el, 'input').focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(isShown(part(el, 'panel'))).to.equal(true);
  });

  it('shows English strings by default and Chinese with lang="zh-CN"', async () => {
    const en = await chat();
    await en.loadPanel();
    expect(part(en, 'launcher').getAttribute('aria-label')).to.equal('Open support chat');
    expect(part(en, 'input').getAttribute('placeholder')).to.equal('Write a message…');
    const zh = await chat(html`<support-chat lang="zh-CN"></support-chat>`);
    await zh.loadPanel();
    expect(part(zh, 'launcher').getAttribute('aria-label')).to.equal('打开客服聊天');
    expect(part(zh, 'input').getAttribute('placeholder')).to.equal('输入消息…');
    expect(part(zh, 'header').textContent?.includes('客服')).to.equal(true);
    expect(part(zh, 'send-button').getAttribute('aria-label')).to.equal('发送');
  });

  it('follows the closest lang attribute of its ancestors', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="zh-CN"><support-chat></support-chat></div>`);
    const el = wrapper.querySelector('support-chat') as SupportChat;
    await el.updateComplete;
    expect(part(el, 'launcher').getAttribute('aria-label')).to.equal('打开客服聊天');
    wrapper.setAttribute('lang', 'en');
    await new Promise((resolve) => setTimeout(resolve)); // the document-wide lang observer runs first
    await el.updateComplete;
    expect(part(el, 'launcher').getAttribute('aria-label')).to.equal('Open support chat');
  });

  it('renders the product context card as text and drops unsafe image URLs', async () => {
    const el = await chat(html`<support-chat inline></support-chat>`);
    el.context = {
      sku: 'VX12P-256-GR',
      name: '<b>Volta</b> X12 Pro',
      image: `${location.origin}/no-such-product.png`, // loopback only: tests never leave the machine
      serial: 'SN-8F3K2Q',
      orderId: '100234',
    };
    await el.updateComplete;
    const card = part(el, 'context');
    const text = card.textContent ?? '';
    for (const value of ['VX12P-256-GR', '<b>Volta</b> X12 Pro', 'SN-8F3K2Q', '100234']) {
      expect(text.includes(value), value).to.equal(true);
    }
    expect(card.querySelector('b') === null).to.equal(true);
    const image = part<HTMLImageElement>(el, 'context-image');
    expect(image.getAttribute('src')).to.equal(`${location.origin}/no-such-product.png`);
    await waitFor(() => image.hidden, 'the broken image to be hidden');
    el.context = { name: 'Bad image', image: 'javascript:alert(1)' };
    await el.updateComplete;
    expect(maybePart(el, 'context-image') === null).to.equal(true);
    el.context = { name: 'Data image', image: 'data:image/svg+xml,<svg/>' };
    await el.updateComplete;
    expect(maybePart(el, 'context-image') === null).to.equal(true);
  });

  it('switches to dark colours with theme="dark"', async () => {
    const el = await chat(html`<support-chat inline theme="light"></support-chat>`);
    const light = getComputedStyle(part(el, 'panel')).backgroundColor;
    el.theme = 'dark';
    await el.updateComplete;
    const dark = getComputedStyle(part(el, 'panel')).backgroundColor;
    expect(light).to.equal('rgb(255, 255, 255)');
    expect(dark).to.equal('rgb(23, 24, 28)');
  });

  it('renders the lazily loaded panel in the same shadow root, with its styles adopted there', async () => {
    const el = await chat();
    const root = el.shadowRoot as ShadowRoot;
    const before = root.adoptedStyleSheets.length;
    await el.loadPanel();
    expect(root.adoptedStyleSheets.length > before).to.equal(true);
    el.show();
    await el.updateComplete;
    const messages = part(el, 'messages');
    expect(messages.getRootNode() === root).to.equal(true);
    expect(getComputedStyle(messages).overflowY).to.equal('auto');
    expect(getComputedStyle(part(el, 'header')).display).to.equal('flex');
    expect(part(el, 'panel').hasAttribute('aria-busy')).to.equal(false);
    expect(part(el, 'panel').getAttribute('aria-labelledby')).to.equal('title');
  });

  it('waits for the panel in updateComplete when opened, then moves focus to the input', async () => {
    const el = await chat();
    el.show();
    await el.updateComplete;
    expect(maybePart(el, 'input') !== null).to.equal(true);
    expect(focusedPart(el)).to.equal('textarea[part=input]');
  });

  it('keeps its panel (and styles) when moved in the page', async () => {
    const el = await chat(html`<support-chat inline></support-chat>`);
    const input = part(el, 'input');
    const sheets = (el.shadowRoot as ShadowRoot).adoptedStyleSheets.length;
    document.body.append(el);
    await el.updateComplete;
    expect(part(el, 'input') === input).to.equal(true);
    expect((el.shadowRoot as ShadowRoot).adoptedStyleSheets.length).to.equal(sheets);
    el.remove();
  });

  it('tolerates being defined twice', async () => {
    expect(customElements.get('support-chat') === SupportChat).to.equal(true);
    SupportChat.define('support-chat');
    class Copy extends SupportChat {}
    Copy.define('support-chat');
    expect(customElements.get('support-chat') === SupportChat).to.equal(true);
    SupportChat.define('support-chat-alias');
    expect(customElements.get('support-chat-alias') !== undefined).to.equal(true);
  });
});
