/**
 * The offline provider (issue 18) on a small knowledge base written here: Markdown front matter and
 * JSON load alike, Chinese questions meet Chinese articles through the segmenter, the context
 * card's product boosts its articles, the excerpt is the article's own words, and confidence falls
 * for a question the base knows nothing of.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { KnowledgeBaseError, loadKnowledgeBase } from '../../../server/assistant/knowledge-base.js';
import { OfflineProvider } from '../../../server/assistant/offline-provider.js';
import { searchWords } from '../../../server/assistant/segment.js';

function base(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-'));
  mkdirSync(join(dir, 'zh-CN'));
  writeFileSync(join(dir, 'phone-reset.md'), '---\ntitle: Phone: factory reset\nlang: en\nproducts: [phone, x12]\n---\n\n# Phone: factory reset\n\nBack up first.\n\nOpen Settings > System > Reset and choose Erase all data.\n');
  writeFileSync(join(dir, 'watch-reset.md'), '---\ntitle: Watch: reset\nlang: en\nproducts: [watch]\nurl: https://shop.example/help/watch-reset\n---\n\nOn the watch open Settings > System > Reset and confirm.\n');
  writeFileSync(join(dir, 'zh-CN', 'buds.json'), JSON.stringify([{ id: 'zh-buds-pairing', title: '耳机与手机配对', lang: 'zh-CN', products: ['buds'], body: '打开充电盒，按住按钮 3 秒，耳机进入配对模式。\n\n在手机蓝牙设置中选择耳机。' }]));
  return dir;
}

describe('offline provider', () => {
  const provider = new OfflineProvider(loadKnowledgeBase(base()));

  it('answers with an excerpt of the best article and links to it', async () => {
    const answer = await provider.answer({ text: 'how do I erase all data on my phone', lang: 'en' });
    assert.equal(answer?.sources[0]?.id, 'phone-reset');
    assert.equal(answer?.sources[0]?.url, '/help/phone-reset');
    assert.equal(answer?.text, 'Open Settings > System > Reset and choose Erase all data.');
    assert.ok((answer?.confidence ?? 0) > 0.5);
  });

  it('segments Chinese, so a question meets an article worded a little differently', async () => {
    assert.ok(searchWords('耳机怎么配对').includes('配对'));
    const answer = await provider.answer({ text: '耳机配对不上怎么办', lang: 'zh-CN' });
    assert.equal(answer?.sources[0]?.id, 'zh-buds-pairing');
    assert.match(answer?.text ?? '', /配对模式/);
  });

  it("boosts the articles of the context card's product", () => {
    const question = { text: 'how do I reset it', lang: 'en' } as const;
    assert.equal(provider.search({ ...question, context: { name: 'Volta Watch 3' } })[0]?.article.id, 'watch-reset');
    assert.equal(provider.search({ ...question, context: { name: 'Volta X12 Pro', sku: 'VX12P' } })[0]?.article.id, 'phone-reset');
  });

  it('is not confident about what the base does not know', async () => {
    const answer = await provider.answer({ text: 'do you sell refrigerators', lang: 'en' });
    assert.ok(answer === undefined || answer.confidence < 0.2);
  });

  it('refuses a base with two articles of one id', () => {
    const dir = base();
    writeFileSync(join(dir, 'again.md'), '---\nid: phone-reset\ntitle: Again\nlang: en\n---\nbody');
    assert.throws(() => loadKnowledgeBase(dir), KnowledgeBaseError);
  });
});
