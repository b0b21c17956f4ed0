/**
 * The packed package's types as a TypeScript user meets them, `skipLibCheck: false` (every `.d.ts`
 * shipped is checked): every entry compiles with and without the optional Agora packages installed;
 * `support-*` events are typed (`e.detail`); `document.querySelector('support-chat')` is a
 * `SupportChat`; the JSX typings work in React, Preact and Vue; `support-widget/react` has typed
 * props and `onSupportMessage`-style events.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { emptyApp, install, packBrowserPackage, typecheck } from '../support/packed-app.js';

/** Uses every entry and the typed events; each `@ts-expect-error` must be an error. */
const ENTRIES_CHECK = `import 'support-widget';
import type { SupportChatEventMap, SupportMessageDetail } from 'support-widget';
import { SupportClient, endpointTokenProvider } from 'support-widget/client';
import 'support-widget/chat';
import 'support-widget/inbox';
import 'support-widget/call';
import { parseClientFrame } from 'support-widget/protocol';

const chat = document.querySelector('support-chat');
if (chat) {
  chat.context = { sku: 'VX12P', name: 'Volta X12 Pro' };
  // @ts-expect-error context is a product object, not a number
  chat.context = 42;
  chat.addEventListener('support-message', (e) => {
    const detail: SupportMessageDetail = e.detail;
    console.log(detail.message.body.length, e.detail.conversationId);
  });
  chat.addEventListener('support-before-send', (e) => e.detail.body.trim() === '' && e.preventDefault());
  // @ts-expect-error the detail of support-unread has no body
  chat.addEventListener('support-unread', (e) => e.detail.body);
}
document.addEventListener('support-error', (e) => console.log(e.detail.code));
document.querySelector('support-call')?.addEventListener('support-call-state', (e) => console.log(e.detail.state, e.detail.previous));
document.querySelector('support-inbox')?.addEventListener('support-conversation-open', (e) => console.log(e.detail.conversationId));
const onMessage: (e: SupportChatEventMap['support-message']) => void = (e) => console.log(e.detail.message.body);
console.log(onMessage, SupportClient, endpointTokenProvider, parseClientFrame);
`;

const REACT_WRAPPER_CHECK = `import { createElement } from 'react';
import { SupportChat, SupportInbox, SupportCall, type SupportChatProps } from 'support-widget/react';

const props: SupportChatProps = {
  context: { sku: 'VX12P', name: 'Volta X12 Pro' },
  tokenEndpoint: '/support/token',
  onSupportMessage: (e) => console.log(e.detail.message.body),
  onSupportUnread: (e) => console.log(e.detail.total),
};
// @ts-expect-error onSupportMessage receives a CustomEvent<SupportMessageDetail>
const wrong: SupportChatProps = { onSupportMessage: (e: CustomEvent<number>) => console.log(e.detail) };
console.log(createElement(SupportChat, props), wrong);
console.log(createElement(SupportInbox, { onSupportConversationOpen: (e) => console.log(e.detail.conversationId) }));
console.log(createElement(SupportCall, { onSupportCallState: (e) => console.log(e.detail.state) }));
`;

const REACT_JSX_CHECK = `import type {} from 'support-widget/jsx/react';
export const Help = () => (
  <support-chat token-endpoint="/support/token" inline context={{ sku: 'VX12P', name: 'Volta X12 Pro' }}
    onsupport-message={(e) => console.log(e.detail.message.body)} />
);
// @ts-expect-error backend is relay or agora
export const Wrong = () => <support-call backend="pigeon" />;
`;

const PREACT_JSX_CHECK = `import type {} from 'support-widget/jsx/preact';
export const Help = () => (
  <support-chat token-endpoint="/support/token" context={{ sku: 'VX12P', name: 'Volta X12 Pro' }}
    onsupport-unread={(e) => console.log(e.detail.total)} />
);
// @ts-expect-error context is a product object
export const Wrong = () => <support-inbox context={42} />;
`;

const VUE_CHECK = `import type {} from 'support-widget/jsx/vue';
import type { GlobalComponents } from 'vue';
type ChatProps = InstanceType<GlobalComponents['support-chat']>['$props'];
const props: ChatProps = {
  'token-endpoint': '/support/token',
  context: { sku: 'VX12P', name: 'Volta X12 Pro' },
  onSupportMessage: (e) => console.log(e.detail.message.body),
};
// @ts-expect-error the detail of support-connection has no message
const wrong: ChatProps = { onSupportConnection: (e) => console.log(e.detail.message) };
console.log(props, wrong);
`;

describe('types of the packed package (skipLibCheck: false)', { timeout: 900_000 }, () => {
  let packDir: string;
  let tarball: string;
  const apps: string[] = [];

  before(
    () => {
      const packed = packBrowserPackage();
      tarball = packed.file;
      packDir = dirname(tarball);
    },
    { timeout: 900_000 },
  );

  after(() => {
    for (const dir of [packDir, ...apps]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A new app with the tarball and `extra` packages from the registry. */
  function app(prefix: string, extra: string[] = []): string {
    const dir = emptyApp(prefix);
    apps.push(dir);
    install(dir, [tarball, ...extra]);
    return dir;
  }

  it('every entry compiles and events are typed, without the Agora packages', () => {
    typecheck(app('support-types-plain-'), { 'check.ts': ENTRIES_CHECK });
  });

  it('every entry compiles with the Agora packages installed', () => {
    typecheck(app('support-types-agora-', ['agora-rtc-sdk-ng@^4.24.8', 'agora-rtm-sdk@^2.3.0']), { 'check.ts': ENTRIES_CHECK });
  });

  it('React: support-widget/react has typed props and events, and the JSX typings type the tags', () => {
    const dir = app('support-types-react-', ['react@^19', '@types/react@^19', '@lit/react@^1']);
    const jsx = { jsx: 'react-jsx', jsxImportSource: 'react' };
    typecheck(dir, { 'wrapper.ts': REACT_WRAPPER_CHECK, 'tags.tsx': REACT_JSX_CHECK }, jsx);
  });

  it('Preact and Vue: the JSX typings and GlobalComponents type the tags', () => {
    const dir = app('support-types-preact-vue-', ['preact@^10', 'vue@^3.5']);
    typecheck(dir, { 'tags.tsx': PREACT_JSX_CHECK }, { jsx: 'react-jsx', jsxImportSource: 'preact' });
    assert.equal(typecheck(dir, { 'vue.ts': VUE_CHECK }), '');
  });
});
