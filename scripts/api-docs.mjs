// Generates docs/elements.md (the element reference) from custom-elements.json.
import { readFileSync, writeFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const esc = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
/** `name?: Type` of one method parameter. */
const signature = (p) => `${p.name}${p.optional || p.default !== undefined ? '?' : ''}${p.type?.text ? `: ${p.type.text}` : ''}`;
const lines = ['# Element reference', '', '_Generated from `custom-elements.json` by `npm run manifest`; do not edit._', '', 'Event `detail` types are exported from `support-widget` (`SupportChatEventMap`, `SupportMessageDetail`...); `addEventListener(\'support-message\', (e) => e.detail.message)` is typed.', ''];

for (const mod of manifest.modules ?? []) {
  for (const decl of mod.declarations ?? []) {
    if (!decl.customElement || !decl.tagName) continue;
    lines.push(`## \`<${decl.tagName}>\``, '');
    if (decl.summary) lines.push(decl.summary, '');
    if (decl.description) lines.push(decl.description, '');
    const table = (title, head, rows) => {
      if (!rows.length) return;
      lines.push(`### ${title}`, '', `| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`);
      for (const row of rows) lines.push(`| ${row.map(esc).join(' | ')} |`);
      lines.push('');
    };
    table(
      'Attributes',
      ['Attribute', 'Property', 'Type', 'Description'],
      (decl.attributes ?? []).map((a) => [`\`${a.name}\``, a.fieldName ?? '', a.type?.text ?? '', a.description ?? '']),
    );
    table(
      'Properties',
      ['Property', 'Type', 'Description'],
      (decl.members ?? [])
        .filter((m) => m.kind === 'field' && m.privacy !== 'private' && m.privacy !== 'protected' && !m.static && m.description)
        .map((m) => [`\`${m.name}\``, m.type?.text ?? '', m.description ?? '']),
    );
    table(
      'Methods',
      ['Method', 'Returns', 'Description'],
      (decl.members ?? [])
        .filter((m) => m.kind === 'method' && m.privacy !== 'private' && m.privacy !== 'protected' && !m.static)
        .map((m) => [`\`${m.name}(${(m.parameters ?? []).map(signature).join(', ')})\``, m.return?.type?.text ?? '', m.description ?? '']),
    );
    table('Events', ['Event', 'Type', 'Description'], (decl.events ?? []).map((e) => [`\`${e.name}\``, e.type?.text ? `\`${e.type.text}\`` : '', e.description ?? '']));
    table('CSS parts', ['Part', 'Description'], (decl.cssParts ?? []).map((p) => [`\`${p.name}\``, p.description ?? '']));
    table(
      'CSS custom properties',
      ['Property', 'Description'],
      (decl.cssProperties ?? []).map((p) => [`\`${p.name}\``, p.description ?? '']),
    );
    table('Slots', ['Slot', 'Description'], (decl.slots ?? []).map((s) => [s.name ? `\`${s.name}\`` : '(default)', s.description ?? '']));
  }
}
writeFileSync('docs/elements.md', lines.join('\n'));
