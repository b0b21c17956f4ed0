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

/**
 * The chat and the inbox export every part of the `<support-call>` they hold as `call-<part>`
 * (`src/elements/call-slot/call-parts.ts`; the call's region as `call-region`). Their manifest
 * entries are made here from the call's own `@csspart`s, placed after each host's `call` part, so a
 * new call part is documented once. A host's own `@csspart call-...` line wins over the generated one.
 */
function exportedCallParts() {
  const exportedName = (name) => (name === 'call' ? 'call-region' : `call-${name}`);
  return {
    name: 'support-exported-call-parts',
    packageLinkPhase({ customElementsManifest }) {
      const declarations = (customElementsManifest.modules ?? []).flatMap((mod) => mod.declarations ?? []);
      const call = declarations.find((decl) => decl.tagName === 'support-call');
      if (!call) throw new Error('support-call is missing from the manifest: its parts cannot be exported');
      for (const host of declarations.filter((decl) => decl.tagName === 'support-chat' || decl.tagName === 'support-inbox')) {
        const parts = host.cssParts ?? [];
        const own = new Set(parts.map((part) => part.name));
        const exported = (call.cssParts ?? [])
          .map((part) => ({
            description: `Of the call: ${(part.description ?? '').charAt(0).toLowerCase()}${(part.description ?? '').slice(1)}`,
            name: exportedName(part.name),
          }))
          .filter((part) => !own.has(part.name));
        parts.splice(parts.findIndex((part) => part.name === 'call') + 1, 0, ...exported);
        host.cssParts = parts;
      }
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
  plugins: [eventTypesFromMaps(), exportedCallParts(), modulesInPathOrder()],
};
