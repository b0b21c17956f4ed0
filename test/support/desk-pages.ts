/**
 * What end-to-end tests do on the pages of a desk world (`desk-world.ts`): wait for an element's
 * client, run code on it, sign a demo desk in, start the chat that a call test needs, add and watch a `<support-call>`.
 * Page-side code is inline arrow functions: tsx would wrap named inner functions in a helper the
 * page lacks.
 *
 * @example
 * await waitConnected(desk, 'support-inbox');
 * const lists = await onClient<StepList[]>(desk, 'support-inbox', 'async (client) => client.steps.lists()');
 */
import type { Page } from 'playwright-core';

/** The element that owns a page's client. */
export type ClientHost = 'support-chat' | 'support-inbox';

const TIMEOUT = 20_000;

/** Resolves when the client of the page's `host` element is connected. */
export async function waitConnected(page: Page, host: ClientHost, timeout = TIMEOUT): Promise<void> {
  await page.waitForFunction(
    (tag) => (document.querySelector(tag) as (Element & { activeClient?: { state: string } }) | null)?.activeClient?.state === 'connected',
    host,
    { timeout },
  );
}

/** Runs `action`, the source of a function of the client and `args`, on the client of the page's `host` element. */
export function onClient<T>(page: Page, host: ClientHost, action: string, args: unknown[] = []): Promise<T> {
  return page.evaluate(
    ([tag, body, values]) => {
      const client = (document.querySelector(tag) as Element & { activeClient: unknown }).activeClient;
      return (new Function('client', 'args', `return (${body})(client, ...args)`) as (c: unknown, a: unknown[]) => Promise<T>)(client, values as unknown[]);
    },
    [host, action, args] as const,
  );
}

/** Signs a desk in as a demo agent (the demo page's `?agent=` switch; `admin` for the admin role) and waits for its connection. */
export async function openDemoDesk(page: Page, url: string, agent: { id: string; name: string; admin?: boolean }, timeout = TIMEOUT): Promise<void> {
  await page.goto(`${url}/agent/?agent=${agent.id}&name=${agent.name}${agent.admin === true ? '&role=admin' : ''}`);
  await waitConnected(page, 'support-inbox', timeout);
}

/**
 * The customer opens the product page's chat and sends `text`; the agent opens the desk and the
 * first conversation, and waits until the thread shows `seen` (a part of `text`).
 */
export async function customerWritesAgentOpens(customer: Page, agent: Page, url: string, text: string, { seen = text, timeout = TIMEOUT } = {}): Promise<void> {
  await customer.goto(`${url}/`);
  await customer.locator('support-chat [part~="launcher"]').click({ timeout });
  await customer.locator('support-chat [part~="input"]').fill(text);
  await customer.locator('support-chat [part~="send-button"]').click();
  await agent.goto(`${url}/agent/`);
  await agent.locator('support-inbox [part~="conversation"]').first().click({ timeout });
  await agent.locator('support-inbox [part~="thread"]').getByText(seen).waitFor({ timeout });
}

/** Adds a `<support-call>` to the page's body, bound to the client of its `host` element (and its first conversation). */
export async function addCall(page: Page, host: ClientHost): Promise<void> {
  await page.evaluate(async (tag) => {
    await (window as unknown as { SupportWidget: { load(tag: string): Promise<void> } }).SupportWidget.load('support-call');
    const owner = document.querySelector(tag) as unknown as { activeClient: { primaryConversationId?: string } };
    const call = document.createElement('support-call') as unknown as HTMLElement & Record<string, unknown>;
    call.client = owner.activeClient;
    if (owner.activeClient.primaryConversationId) call.conversationId = owner.activeClient.primaryConversationId;
    document.body.append(call);
  }, host);
}

/** Resolves when the `<support-call>` inside `host` (the chat's or the inbox's own) is in `state`. */
export async function waitForCallIn(page: Page, host: ClientHost, state: string, timeout = TIMEOUT): Promise<void> {
  await page.waitForFunction(
    ([tag, want]) => document.querySelector(tag)?.shadowRoot?.querySelector('support-call')?.getAttribute('state') === want,
    [host, state] as const,
    { timeout },
  );
}
