/**
 * The docs name only theme tokens and parts that exist: every `--support-*` custom property and
 * every `::part(name)` written in README.md, docs/ and demo/ is declared in custom-elements.json
 * (from the elements' `@cssprop` / `@csspart`). A renamed or misspelt token fails here instead of
 * silently changing nothing for the integrator who follows the docs.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Manifest {
  modules: Array<{ declarations?: Array<{ cssProperties?: Array<{ name: string }>; cssParts?: Array<{ name: string }> }> }>;
}

function declared(): { properties: Set<string>; parts: Set<string> } {
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as Manifest;
  const properties = new Set<string>();
  const parts = new Set<string>();
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      for (const property of declaration.cssProperties ?? []) properties.add(property.name);
      for (const part of declaration.cssParts ?? []) parts.add(part.name);
    }
  }
  return { properties, parts };
}

function documents(): Array<{ file: string; text: string }> {
  const files = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  files.push(...readdirSync(join(root, 'demo')).filter((f) => /\.(html|css|js)$/.test(f)).map((f) => `demo/${f}`));
  return files.map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }));
}

describe('theming names in the docs', () => {
  const { properties, parts } = declared();

  it('the manifest declares the theme tokens and parts', () => {
    assert.ok(properties.has('--support-primary-color'));
    assert.ok(parts.has('launcher'));
  });

  it('every --support-* custom property in README, docs and demo exists', () => {
    const unknown: string[] = [];
    for (const { file, text } of documents()) {
      for (const [name] of text.matchAll(/--support-[a-z0-9-]*[a-z0-9]/g)) if (!properties.has(name)) unknown.push(`${file}: ${name}`);
    }
    assert.deepEqual(unknown, []);
  });

  it('every ::part(name) in README, docs and demo exists', () => {
    const unknown: string[] = [];
    for (const { file, text } of documents()) {
      for (const match of text.matchAll(/::part\(([a-z0-9 -]+)\)/g)) {
        for (const name of (match[1] ?? '').trim().split(/\s+/)) if (!parts.has(name)) unknown.push(`${file}: ${name}`);
      }
    }
    assert.deepEqual(unknown, []);
  });
});
