// Script-tag build, from tsc's ESM output in dist/ (so types and JS come from one compiler):
// - dist/support-widget.iife.js: a tiny classic-script loader (global `SupportWidget`);
// - dist/cdn/*.js: ES module chunks it loads when an element appears (shared code split once);
// - dist/cdn/unavailable.js: a classic script it adds when those cannot be loaded.
// npm users import dist/index.js (tsc output) and bundle it themselves.
import { readFileSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { chunkManifest, minifyCssTemplates, version } from './scripts/rollup-plugins.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
// scripts/build.mjs builds into a temporary folder and swaps it in (a running relay keeps serving dist/).
const out = process.env['SUPPORT_BUILD_OUT'] ?? 'dist';
const resolve = () => nodeResolve({ browser: true, exportConditions: ['browser', 'production'] });
const minify = () => terser({ ecma: 2020, compress: { passes: 2 }, format: { comments: false } });

export default [
  {
    input: `${out}/script-tag/loader.js`,
    output: { file: `${out}/support-widget.iife.js`, format: 'iife', sourcemap: true },
    plugins: [version(pkg.version), minify()],
  },
  {
    // Loaded by the loader only when an element's chunks cannot be (a classic script: no CORS needed).
    input: `${out}/script-tag/unavailable.js`,
    output: { file: `${out}/cdn/unavailable.js`, format: 'iife', sourcemap: true, inlineDynamicImports: true },
    plugins: [minify()],
  },
  {
    input: {
      'support-chat': `${out}/script-tag/support-chat.js`,
      'support-inbox': `${out}/script-tag/support-inbox.js`,
      'support-call': `${out}/script-tag/support-call.js`,
      api: `${out}/script-tag/api.js`,
    },
    output: {
      dir: `${out}/cdn`,
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunk-[hash].js',
      sourcemap: true,
    },
    preserveEntrySignatures: 'allow-extension',
    plugins: [resolve(), minifyCssTemplates(), minify(), chunkManifest()],
  },
];
