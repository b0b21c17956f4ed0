import { expect } from '@esm-bundle/chai';
import { fixtureCleanup } from '@open-wc/testing-helpers';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { readGuidedSteps } from '../../src/protocol/validate-steps.js';
import { uniqueId, waitFor } from './support/relay.js';
import { disposeRelationshipClients, relationshipAgent, relationshipChat } from './support/relationship-relay.js';
import { part, parts } from './support/shadow.js';

const text = (el: Element | null): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

const CHECKLIST = { title: '重置网络设置', steps: [{ text: '打开“设置”' }, { text: 'Tap <b>General</b>' }, { text: '重新连接 Wi-Fi' }] };

describe('<support-chat>: a guided steps card (issue 20)', function () {
  this.timeout(30_000);

  afterEach(async () => {
    fixtureCleanup();
    disposeRelationshipClients();
    await emulateMedia({ colorScheme: 'light' });
  });

  it('shows the checklist in Chinese as a list of real checkboxes, ticks by keyboard, and the agent hears it', async () => {
    const { el, conversationId } = await relationshipChat(uniqueId('steps'), { lang: 'zh-CN' });
    const agent = await relationshipAgent(uniqueId('steps-agent'));
    agent.steps.send(conversationId, CHECKLIST);
    const card = await waitFor(() => el.shadowRoot?.querySelector<HTMLElement>('[part~="steps"]'), 'the checklist card');
    await waitFor(() => text(part(el, 'steps-progress')) === '已完成 0/3 步', `the progress in Chinese, got "${text(el.shadowRoot?.querySelector('[part~="steps-progress"]') ?? null)}"`);
    const list = part(el, 'steps-list');
    expect(list.localName).to.equal('ol');
    expect(list.getAttribute('aria-label')).to.equal('重置网络设置');
    const boxes = parts<HTMLInputElement>(el, 'step-checkbox');
    expect(boxes.map((box) => box.type)).to.deep.equal(['checkbox', 'checkbox', 'checkbox']);
    expect(boxes.map((box) => text(box.closest('label')))).to.deep.equal(['打开“设置”', 'Tap <b>General</b>', '重新连接 Wi-Fi'], 'each box is named by its step, HTML as text');
    expect(card.querySelector('b')).to.equal(null);

    boxes[1]?.focus();
    await sendKeys({ press: 'Space' });
    await waitFor(() => text(part(el, 'steps-progress')) === '已完成 1/3 步', 'the tick stored');
    const seen = await waitFor(() => {
      const message = agent.conversation(conversationId)?.messages.find((m) => m.kind === 'steps');
      return message && readGuidedSteps(message.body)?.done?.[1] === true && message;
    }, 'the agent to hear the tick');
    expect(readGuidedSteps(seen.body)?.done).to.deep.equal([false, true, false]);
  });

  it('draws the card on the surface colour in dark mode, the agent’s own bubbles’ colour aside', async () => {
    const { el, conversationId } = await relationshipChat(uniqueId('steps-dark'));
    const agent = await relationshipAgent(uniqueId('steps-agent'));
    agent.steps.send(conversationId, CHECKLIST);
    await waitFor(() => el.shadowRoot?.querySelector('[part~="steps"]'), 'the checklist card');
    await emulateMedia({ colorScheme: 'dark' });
    await el.updateComplete;
    const bubble = el.shadowRoot?.querySelector<HTMLElement>('.steps-bubble');
    expect(bubble && getComputedStyle(bubble).backgroundColor).to.equal('rgb(23, 24, 28)', 'the dark surface (#17181c)');
    expect(getComputedStyle(part(el, 'steps-title')).color).to.equal('rgb(236, 238, 241)', 'the dark text (#eceef1)');
  });
});
