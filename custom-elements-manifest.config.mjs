import { readFileSync } from 'node:fs';

/**
 * Event types from the typed event maps (src/elements/events.ts): each `support-*` event in the
 * manifest gets `type: { text: 'CustomEvent<SupportMessageDetail>' }`, so the manifest, the
 * element reference and the TypeScript typings cannot disagree. An event the JSDoc `@fires`
 * lists but the maps lack fails the analysis.
 */
function eventTypesFromMaps() {
  const source = readFileSync('src/elements/events.ts', 'utf8');
  const types = new Map([...source.matchAll(/^\s*'(support-[a-z-]+)': (CustomEvent<[A-Za-z]+>);/gm)].map((m) => [m[1], m[2]]));
  return {
    name: 'support-event-types',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const decl of mod.declarations ?? []) {
          for (const event of decl.events ?? []) {
            const text = types.get(event.name);
            if (!text) throw new Error(`${decl.tagName ?? decl.name} fires ${event.name}, which src/elements/events.ts does not type`);
            event.type ??= { text };
          }
        }
      }
    },
  };
}

/**
 * Modules in path order: the analyzer lists them in the order it finished reading them, which moves
 * between runs on a busy machine, and `npm run manifest:check` compares the file byte for byte.
 */
function modulesInPathOrder() {
  return {
    name: 'support-modules-in-path-order',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules?.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/elements/events.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [eventTypesFromMaps(), modulesInPathOrder()],
};
