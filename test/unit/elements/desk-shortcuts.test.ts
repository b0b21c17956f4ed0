import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTypingTarget, shortcutOf, type ShortcutKey } from '../../../src/elements/support-inbox/desk-shortcuts.js';
import { matchCannedReplies, slashQuery } from '../../../src/elements/support-inbox/canned-filter.js';
import type { CannedReply } from '../../../src/protocol/desk.js';

const key = (value: string, modifiers: Partial<ShortcutKey> = {}): ShortcutKey => ({ key: value, ctrlKey: false, metaKey: false, altKey: false, ...modifiers });

describe('desk shortcuts', () => {
  it('maps j/k and the arrows, Enter, r, e and ? to their actions', () => {
    const actions = ['j', 'ArrowDown', 'k', 'ArrowUp', 'Enter', 'r', 'e', '?'].map((value) => shortcutOf(key(value)));
    assert.deepEqual(actions, ['next', 'next', 'previous', 'previous', 'open', 'reply', 'resolve', 'help']);
  });

  it('leaves other keys, keys with Ctrl, Cmd or Alt, and IME composition alone', () => {
    assert.equal(shortcutOf(key('x')), undefined);
    assert.equal(shortcutOf(key('J')), undefined);
    assert.equal(shortcutOf(key('r', { ctrlKey: true })), undefined);
    assert.equal(shortcutOf(key('e', { metaKey: true })), undefined);
    assert.equal(shortcutOf(key('j', { altKey: true })), undefined);
    assert.equal(shortcutOf(key('e', { isComposing: true })), undefined);
  });

  it('treats inputs, textareas, selects and contenteditable as typing, buttons and the page not', () => {
    assert.equal(isTypingTarget({ tagName: 'TEXTAREA' }), true);
    assert.equal(isTypingTarget({ tagName: 'INPUT', type: 'search' }), true);
    assert.equal(isTypingTarget({ tagName: 'INPUT' }), true);
    assert.equal(isTypingTarget({ tagName: 'SELECT' }), true);
    assert.equal(isTypingTarget({ tagName: 'DIV', isContentEditable: true }), true);
    assert.equal(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' }), false);
    assert.equal(isTypingTarget({ tagName: 'BUTTON' }), false);
    assert.equal(isTypingTarget({ tagName: 'BODY', isContentEditable: false }), false);
    assert.equal(isTypingTarget(undefined), false);
  });
});

describe('the / search of canned replies', () => {
  const reply = (shortcut: string, title: string): CannedReply => ({ id: shortcut, shortcut, title, body: `${title}.` });
  const replies = [reply('warranty', 'Warranty terms'), reply('ebattery', 'Replacement battery'), reply('battery', 'Battery drains fast'), reply('reset', 'Factory reset steps')];

  it('opens only on a / at the start, up to the caret, on the first line', () => {
    assert.equal(slashQuery('/bat', 4), 'bat');
    assert.equal(slashQuery('/bat', 2), 'b');
    assert.equal(slashQuery('/', 1), '');
    assert.equal(slashQuery('hello /bat', 10), undefined);
    assert.equal(slashQuery('/bat\nmore', 9), undefined);
    assert.equal(slashQuery('/bat', 0), undefined);
  });

  it('ranks shortcut prefixes, then shortcuts that hold it, then titles holding every word', () => {
    assert.deepEqual(matchCannedReplies(replies, 'bat').map((r) => r.shortcut), ['battery', 'ebattery']);
    assert.deepEqual(matchCannedReplies(replies, 'terms').map((r) => r.shortcut), ['warranty']);
    assert.deepEqual(matchCannedReplies(replies, 'FACTORY steps').map((r) => r.shortcut), ['reset']);
    assert.deepEqual(matchCannedReplies(replies, 'drains battery').map((r) => r.shortcut), ['battery']);
    assert.deepEqual(matchCannedReplies(replies, 'nothing'), []);
  });

  it('lists every reply, by shortcut, for a bare /, at most the limit', () => {
    assert.deepEqual(matchCannedReplies(replies, '').map((r) => r.shortcut), ['battery', 'ebattery', 'reset', 'warranty']);
    assert.equal(matchCannedReplies(replies, '', 2).length, 2);
  });
});
