// The script-tag bundle: dist/support-widget.iife.js (global `SupportWidget`, registers the
// elements). It is built from tsc's ESM output in dist/, so types and JS come from one compiler.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

export default {
  input: 'dist/index.js',
  output: {
    file: 'dist/support-widget.iife.js',
    format: 'iife',
    name: 'SupportWidget',
    sourcemap: true,
    inlineDynamicImports: true,
  },
  plugins: [
    nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
    terser({ ecma: 2020, module: false, format: { comments: false } }),
  ],
};
