import { expect } from '@esm-bundle/chai';
import { fixture, fixtureCleanup, html } from '@open-wc/testing-helpers';
import '../../src/elements/define.js';
import type { SupportChat } from '../../src/elements/support-chat/support-chat.js';
import { loadStrings, stringsFor } from '../../src/i18n/catalog.js';
import { chatCatalog } from '../../src/i18n/en/chat.js';
import { threadCatalog } from '../../src/i18n/en/thread.js';
import { formatDay, formatMoment, formatRelativeTime, formatTime } from '../../src/i18n/date-format.js';
import { part } from './support/shadow.js';

describe('strings and dates of <support-chat>', () => {
  afterEach(() => fixtureCleanup());

  it('has English at hand and fetches Chinese (any Chinese tag) once per feature, with every key', async () => {
    expect(stringsFor(chatCatalog, 'en-GB') === chatCatalog.en).to.equal(true);
    expect(stringsFor(chatCatalog, 'fr') === chatCatalog.en).to.equal(true);
    const [zhCN, zhTW] = await Promise.all([loadStrings(threadCatalog, 'zh-CN'), loadStrings(threadCatalog, 'zh-TW')]);
    expect(zhCN === zhTW).to.equal(true);
    expect(stringsFor(threadCatalog, 'zh') === zhCN).to.equal(true);
    expect(Object.keys(zhCN).sort().join()).to.equal(Object.keys(threadCatalog.en).sort().join());
    expect(zhCN['composer.send']).to.equal('发送');
  });

  it('renders a Chinese element in Chinese once updateComplete resolves, launcher and panel', async () => {
    const el = await fixture<SupportChat>(html`<support-chat lang="zh-CN" open></support-chat>`);
    expect(part(el, 'launcher').getAttribute('aria-label')).to.equal('打开客服聊天');
    expect(part(el, 'input').getAttribute('placeholder')).to.equal('输入消息…');
    expect(part(el, 'close-button').getAttribute('aria-label')).to.equal('关闭聊天');
  });

  it('formats times and days in the given language', () => {
    const now = new Date(2026, 10, 20, 15, 30).getTime();
    const earlier = new Date(2026, 10, 20, 9, 5).getTime();
    expect(formatDay('en', earlier, now)).to.equal('Today');
    expect(formatDay('en', earlier - 24 * 3600 * 1000, now)).to.equal('Yesterday');
    expect(formatDay('zh-CN', earlier, now)).to.equal('今天');
    // Inside a sentence ("Due {time}") the day is not capitalised; tomorrow is a word too.
    expect(formatMoment('en', earlier, now)).to.equal(`today ${formatTime('en', earlier)}`);
    expect(formatMoment('en', earlier + 24 * 3600 * 1000, now)).to.equal(`tomorrow ${formatTime('en', earlier)}`);
    expect(formatMoment('zh-CN', earlier + 24 * 3600 * 1000, now)).to.equal(`明天 ${formatTime('zh-CN', earlier)}`);
    expect(formatTime('en-GB', earlier)).to.match(/^0?9:05$/);
    expect(formatRelativeTime('en', now - 5 * 60 * 1000, now)).to.equal('5 min. ago');
  });
});
