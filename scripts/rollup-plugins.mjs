// Small rollup plugins for the script-tag build.

/** Collapses whitespace and comments inside Lit `css\`...\`` templates (raw bytes; a little gzip). */
export function minifyCssTemplates() {
  const squeeze = (text) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1')
      .replace(/;}/g, '}')
      .trim();
  return {
    name: 'minify-css-templates',
    transform(code, id) {
      // tsc emits `css \`...\`` (with a space).
      if (!id.includes('/dist/') || !/\bcss\s*`/.test(code)) return null;
      return { code: code.replace(/\bcss\s*`([^`]*)`/g, (_, body) => `css\`${squeeze(body)}\``), map: null };
    },
  };
}

/** Replaces `__VERSION__` with the package version. */
export function version(value) {
  return {
    name: 'version',
    transform(code) {
      return code.includes('__VERSION__') ? { code: code.replaceAll('__VERSION__', JSON.stringify(value)), map: null } : null;
    },
  };
}

/**
 * Writes `cdn/manifest.json`: for every entry chunk, the files a page downloads to run it
 * (the entry and its static imports, transitively) and the lazy chunks it may load later.
 */
export function chunkManifest() {
  return {
    name: 'chunk-manifest',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const closure = (file, seen = new Set()) => {
        if (seen.has(file)) return seen;
        seen.add(file);
        for (const dep of byName.get(file)?.imports ?? []) closure(dep, seen);
        return seen;
      };
      const manifest = {};
      for (const chunk of chunks.filter((c) => c.isEntry)) {
        const eager = [...closure(chunk.fileName)];
        manifest[chunk.name] = { eager, lazy: [...new Set(eager.flatMap((f) => byName.get(f)?.dynamicImports ?? []))] };
      }
      this.emitFile({ type: 'asset', fileName: 'manifest.json', source: JSON.stringify(manifest, null, 2) });
    },
  };
}
