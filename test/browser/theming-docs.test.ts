/**
 * docs/theming.md, followed word for word, changes the look: its CSS example is read from the doc
 * itself, put on a page with a `<support-chat>`, and every declaration in it is checked against the
 * computed style of the part it is meant to change. Renaming a token or a part in the code (or
 * writing a wrong one in the doc) fails here, not at the integrator's desk.
 */
import { expect } from '@esm-bundle/chai';
import { fixture, html } from '@open-wc/testing-helpers';
import '../../src/elements/define.js';
import type { SupportChat } from '../../src/elements/support-chat/support-chat.js';
import { part } from './support/shadow.js';

interface Rule {
  selector: string;
  declarations: Array<[property: string, value: string]>;
}

/** The first ```css block of a markdown text, as rules of `selector { property: value; ... }`. */
function cssExample(markdown: string): { source: string; rules: Rule[] } {
  const source = /```css\n([\s\S]*?)```/.exec(markdown)?.[1];
  if (source === undefined) throw new Error('docs/theming.md has no ```css example');
  const rules = [...source.matchAll(/([^{}]+)\{([^}]*)\}/g)].map(([, selector = '', body = '']) => ({
    selector: selector.trim(),
    declarations: body
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const colon = d.indexOf(':');
        return [d.slice(0, colon).trim(), d.slice(colon + 1).trim()] as [string, string];
      }),
  }));
  return { source, rules };
}

/** How the browser computes `value` for `property` on a plain element (colours become rgb(), etc.). */
function computedAlone(property: string, value: string): string {
  const probe = document.createElement('div');
  probe.style.setProperty(property, value);
  document.body.append(probe);
  const computed = getComputedStyle(probe).getPropertyValue(property);
  probe.remove();
  return computed;
}

/** Where each documented token must show: the part whose look it changes and the CSS property. */
const TOKEN_EFFECTS: Record<string, { part: string; property: string }> = {
  '--support-primary-color': { part: 'launcher', property: 'background-color' },
  '--support-radius': { part: 'panel', property: 'border-top-left-radius' },
  '--support-font-family': { part: 'input', property: 'font-family' },
};

describe('docs/theming.md, followed word for word', () => {
  let style: HTMLStyleElement | undefined;
  afterEach(() => style?.remove());

  it('changes the look of every part and token it names', async () => {
    const markdown = await (await fetch('/docs/theming.md')).text();
    const { source, rules } = cssExample(markdown);
    expect(rules.length, 'rules in the example').to.be.greaterThan(0);

    const el = await fixture<SupportChat>(html`<support-chat theme="light"></support-chat>`);
    await el.loadPanel();
    el.show();
    await el.updateComplete;
    const before = (name: string, property: string): string => getComputedStyle(part(el, name)).getPropertyValue(property);
    const expectations: Array<{ what: string; name: string; property: string; value: string; was: string }> = [];
    for (const rule of rules) {
      const partName = /::part\(([a-z0-9-]+)\)/.exec(rule.selector)?.[1];
      expect(rule.selector.startsWith('support-chat'), `selector ${rule.selector} targets support-chat`).to.equal(true);
      for (const [property, value] of rule.declarations) {
        if (partName !== undefined) {
          expectations.push({ what: `${rule.selector} { ${property} }`, name: partName, property, value, was: before(partName, property) });
          continue;
        }
        const effect = TOKEN_EFFECTS[property];
        expect(effect, `the doc uses ${property}: add where it shows to TOKEN_EFFECTS`).to.not.equal(undefined);
        if (effect === undefined) continue;
        expectations.push({ what: property, name: effect.part, property: effect.property, value, was: before(effect.part, effect.property) });
      }
    }

    style = document.createElement('style');
    style.textContent = source;
    document.head.append(style);
    await el.updateComplete;
    for (const { what, name, property, value, was } of expectations) {
      const now = getComputedStyle(part(el, name)).getPropertyValue(property);
      expect(now, `${what} on part ${name}`).to.equal(computedAlone(property, value));
      expect(now, `${what} changed part ${name} (it already looked like that)`).to.not.equal(was);
    }
  });
});
