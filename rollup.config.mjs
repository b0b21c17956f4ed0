// Script-tag build, from tsc's ESM output in dist/ (so types and JS come from one compiler):
// - dist/support-widget.iife.js: a tiny classic-script loader (global `SupportWidget`);
// - dist/cdn/*.js: ES module chunks it loads when an element appears (shared code split once).
// npm users import dist/index.js (tsc output) and bundle it themselves.
import { readFileSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { chunkManifest, minifyCssTemplates, version } from './scripts/rollup-plugins.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const resolve = () => nodeResolve({ browser: true, exportConditions: ['browser', 'production'] });
const minify = () => terser({ ecma: 2020, compress: { passes: 2 }, format: { comments: false } });

export default [
  {
    input: 'dist/script-tag/loader.js',
    output: { file: 'dist/support-widget.iife.js', format: 'iife', sourcemap: true },
    plugins: [version(pkg.version), minify()],
  },
  {
    input: {
      'support-chat': 'dist/script-tag/support-chat.js',
      'support-inbox': 'dist/script-tag/support-inbox.js',
      'support-call': 'dist/script-tag/support-call.js',
      api: 'dist/script-tag/api.js',
    },
    output: {
      dir: 'dist/cdn',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunk-[hash].js',
      sourcemap: true,
    },
    preserveEntrySignatures: 'allow-extension',
    plugins: [resolve(), minifyCssTemplates(), minify(), chunkManifest()],
  },
];
