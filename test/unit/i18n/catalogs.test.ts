/**
 * The feature catalogs (src/i18n/en/*.ts): every one has Simplified Chinese with exactly its
 * English keys, fetched on demand, and no key belongs to two features (an integrator's `strings`
 * override names a key once).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { loadStrings, stringsFor, type Catalog } from '../../../src/i18n/catalog.js';

const EN_DIR = new URL('../../../src/i18n/en/', import.meta.url);

/** Every catalog the `en/` folder declares, by file. */
async function allCatalogs(): Promise<Map<string, Catalog>> {
  const catalogs = new Map<string, Catalog>();
  for (const file of readdirSync(EN_DIR).filter((name) => name.endsWith('.ts')).sort()) {
    const module = (await import(new URL(file, EN_DIR).href)) as Record<string, unknown>;
    const found = Object.values(module).filter((value): value is Catalog => typeof value === 'object' && value !== null && 'en' in value && 'locales' in value);
    assert.equal(found.length, 1, `${file} declares one catalog`);
    catalogs.set(file, found[0] as Catalog);
  }
  return catalogs;
}

describe('feature catalogs', () => {
  it('has every key in English and in Simplified Chinese, for every feature', async () => {
    const catalogs = await allCatalogs();
    assert.ok(catalogs.size >= 7, `found ${[...catalogs.keys()].join(', ')}`);
    for (const [file, catalog] of catalogs) {
      assert.equal(stringsFor(catalog, 'zh-CN'), undefined, `${file}: Chinese is not at hand before it is fetched`);
      const zh = await loadStrings(catalog, 'zh-CN');
      assert.notEqual(zh, catalog.en, `${file}: Chinese was fetched`);
      assert.deepEqual(Object.keys(zh).sort(), Object.keys(catalog.en).sort(), `${file}: same keys in en and zh-CN`);
      for (const [key, text] of Object.entries(zh)) assert.ok(text.trim().length > 0, `${file}: ${key} is translated`);
      for (const [key, text] of Object.entries(catalog.en)) {
        const placeholders = (value: string): string => [...value.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort().join();
        assert.equal(placeholders(zh[key] ?? ''), placeholders(text), `${file}: ${key} has the same placeholders`);
      }
      assert.equal(stringsFor(catalog, 'zh-TW'), zh, `${file}: every Chinese tag gets Simplified Chinese`);
      assert.equal(stringsFor(catalog, 'fr'), catalog.en, `${file}: other languages get English`);
    }
  });

  it('has every key in every other language it declares', async () => {
    for (const [file, catalog] of await allCatalogs()) {
      for (const locale of Object.keys(catalog.locales)) {
        const strings = await loadStrings(catalog, locale);
        assert.deepEqual(Object.keys(strings).sort(), Object.keys(catalog.en).sort(), `${file}: same keys in en and ${locale}`);
      }
    }
  });

  it('lists every key, and only those, in docs/i18n.md', async () => {
    const docs = readFileSync(new URL('../../../docs/i18n.md', import.meta.url), 'utf8');
    const listed = [...docs.matchAll(/^\| `([\w.]+)` \| (.*) \|$/gm)].map((match) => [match[1] ?? '', match[2] ?? ''] as const);
    const keys = new Map<string, string>();
    for (const catalog of (await allCatalogs()).values()) for (const [key, text] of Object.entries(catalog.en)) keys.set(key, text);
    assert.deepEqual(listed.map(([key]) => key).sort(), [...keys.keys()].sort());
    for (const [key, text] of listed) assert.equal(text.replaceAll('\\|', '|'), keys.get(key), `docs/i18n.md: the English of ${key}`);
  });

  it('gives each key to one feature only', async () => {
    const owner = new Map<string, string>();
    for (const [file, catalog] of await allCatalogs()) {
      for (const key of Object.keys(catalog.en)) {
        assert.equal(owner.get(key), undefined, `${key} is in ${owner.get(key)} and ${file}`);
        owner.set(key, file);
      }
    }
  });
});
