import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeAttachments } from '../../../src/elements/attachments/attachment-view.js';
import { attachmentsCatalog } from '../../../src/i18n/en/attachments.js';
import { loadStrings, termsFor } from '../../../src/i18n/catalog.js';
import type { Attachment } from '../../../src/protocol/model.js';

const file = (kind: Attachment['kind'], extra: Partial<Attachment> = {}): Attachment => ({
  id: `f-${kind}`,
  kind,
  mime: kind === 'image' ? 'image/jpeg' : kind === 'audio' ? 'audio/webm' : kind === 'video' ? 'video/webm' : 'application/pdf',
  size: 1000,
  name: `${kind}.bin`,
  url: `/uploads/${kind}`,
  ...extra,
});

test('the queue preview names attachments in words, with the length of recordings', async () => {
  const en = termsFor(attachmentsCatalog, 'en');
  assert.equal(describeAttachments([file('audio', { durationMs: 14_900 })], en), 'Voice message 0:14');
  assert.equal(describeAttachments([file('video', { durationMs: 65_000 }), file('image')], en), 'Video 1:05, Photo');
  assert.equal(describeAttachments([file('audio')], en), 'Voice message', 'no length when the recording did not say');
  assert.equal(describeAttachments([file('file', { name: 'receipt.pdf' })], en), 'receipt.pdf');
  await loadStrings(attachmentsCatalog, 'zh-CN');
  const zh = termsFor(attachmentsCatalog, 'zh-CN');
  assert.equal(describeAttachments([file('audio', { durationMs: 14_000 })], zh), '语音消息 0:14');
});
