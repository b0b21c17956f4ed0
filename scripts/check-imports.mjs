// Import boundaries (run by `npm run verify`): the layers import downwards only.
//
//   protocol   wire types, validation, SupportError: imports nothing of ours
//   base       emitter, ids, storage, fetch with timeout: imports protocol only
//   i18n       catalogs: nothing above protocol/base
//   tokens, uploads, transports: never the client (core) or the elements
//   scan       barcode readers and serial checks (headless): protocol and base only
//   core       the headless client: never the elements
//   elements   Lit components: never a transport (media types come re-exported from core)
//   server     the relay package: nothing under src/ (it imports `support-widget/protocol`)
//
// Exits 1 and prints each forbidden import as `file: 'specifier' (rule)`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const LOWER = ['src/protocol', 'src/base'];
/** Folder → folders of ours it may not import. A folder always may import itself. */
export const RULES = {
  'src/protocol': { only: ['src/protocol'] },
  'src/base': { only: ['src/base', 'src/protocol'] },
  'src/i18n': { only: ['src/i18n', ...LOWER] },
  'src/tokens': { never: ['src/core', 'src/elements', 'src/transports', 'src/script-tag'] },
  'src/uploads': { never: ['src/core', 'src/elements', 'src/transports', 'src/script-tag'] },
  'src/scan': { only: ['src/scan', ...LOWER] },
  'src/transports': { never: ['src/core', 'src/elements', 'src/script-tag'] },
  'src/core': { never: ['src/elements', 'src/script-tag'] },
  'src/elements': { never: ['src/transports', 'src/script-tag'] },
  server: { only: ['server'] },
};

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

/** The folder rule that governs `file` (a repository-relative path with `/`), if any. */
function ruleFor(file) {
  return Object.keys(RULES)
    .filter((folder) => file.startsWith(`${folder}/`))
    .sort((a, b) => b.length - a.length)[0];
}

/** Forbidden imports in `files` (`[{ file, source }]`, repository-relative paths). */
export function findViolations(files) {
  const violations = [];
  for (const { file, source } of files) {
    const folder = ruleFor(file);
    if (folder === undefined) continue;
    const rule = RULES[folder];
    for (const match of source.matchAll(SPECIFIER)) {
      const specifier = match[1];
      if (!specifier.startsWith('.')) continue;
      const target = normalize(join(dirname(file), specifier)).split(sep).join('/');
      const inside = (dir) => target === dir || target.startsWith(`${dir}/`);
      const ours = target.startsWith('src/') || target.startsWith('server/') || !target.startsWith('..');
      if (!ours) continue;
      const refused = rule.only ? !rule.only.some(inside) : rule.never.some(inside);
      if (refused) violations.push(`${file}: '${specifier}' (${folder} ${rule.only ? `may import only ${rule.only.join(', ')}` : `must not import ${rule.never.join(', ')}`})`);
    }
  }
  return violations;
}

function sources(root, dir, out = []) {
  for (const entry of readdirSync(join(root, dir))) {
    const path = `${dir}/${entry}`;
    if (entry === 'node_modules' || entry === 'dist' || entry === 'demo' || entry.startsWith('.')) continue;
    if (statSync(join(root, path)).isDirectory()) sources(root, path, out);
    else if (/\.(ts|mjs|js)$/.test(entry) && !entry.endsWith('.d.ts')) out.push({ file: path, source: readFileSync(join(root, path), 'utf8') });
  }
  return out;
}

/** Every forbidden import under src/ and server/ of the repository at `root`. */
export function checkRepository(root) {
  return findViolations([...sources(root, 'src'), ...sources(root, 'server')]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  const root = relative(process.cwd(), join(dirname(fileURLToPath(import.meta.url)), '..')) || '.';
  const violations = checkRepository(root);
  for (const line of violations) console.error(line);
  if (violations.length > 0) {
    console.error(`${violations.length} import(s) cross a layer boundary (see scripts/check-imports.mjs)`);
    process.exit(1);
  }
}
