// Measures the npm loaders of other support widgets (not part of `npm run bench`: it needs the
// npm registry). Each package is packed into a temp dir (never installed into this project),
// bundled and minified with esbuild, then gzip/brotli-compressed like our own bundles. These
// loaders only inject the vendor's real widget script from the vendor's CDN at run time, which
// cannot be reached from here; the URLs they load are printed so the gap is explicit.
// Usage: node bench/competitor-loaders.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { build } from 'esbuild';

const PACKAGES = [
  { spec: 'crisp-sdk-web@1.2.1', entry: 'dist/crisp.esm.js' },
  { spec: '@intercom/messenger-js-sdk@0.0.20', entry: 'dist/index.js' },
];

const dir = mkdtempSync(join(tmpdir(), 'support-bench-competitors-'));
try {
  for (const { spec, entry } of PACKAGES) {
    const tarball = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim().split('\n').pop();
    const root = join(dir, tarball.replace(/\.tgz$/, ''));
    execFileSync('mkdir', ['-p', root]);
    execFileSync('tar', ['xzf', join(dir, tarball), '-C', root]);
    const file = join(root, 'package', entry);
    const result = await build({ entryPoints: [file], bundle: true, minify: true, format: 'esm', write: false, logLevel: 'silent' });
    const bytes = result.outputFiles[0].contents;
    const gzip = gzipSync(bytes, { level: 9 }).length;
    const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    const dist = join(root, 'package', 'dist');
    const sources = readdirSync(dist).filter((name) => /\.[cm]?js$/.test(name)).map((name) => readFileSync(join(dist, name), 'utf8'));
    const urls = [...new Set(sources.flatMap((text) => text.match(/https:\/\/[A-Za-z0-9.\-/]+/g) ?? []))];
    console.log(`${spec}: ${bytes.length} B minified, ${gzip} B gzip, ${brotli} B brotli; loads at run time: ${urls.join(' ')}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
