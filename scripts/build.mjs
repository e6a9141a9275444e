// Bundles every runtime entry point with esbuild. Chevrotain 11 is ESM-only and VS Code 1.100's
// Node cannot require ESM, so everything that runs under Node is bundled to CommonJS (.cjs, since
// package.json says "type": "module").
import { build } from 'esbuild';

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
};

await Promise.all([
  build({ ...node, entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.cjs', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...node, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.cjs' }),
  build({ ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.cjs', external: ['vscode'] }),
  // The tasks-table webview: a browser bundle; its CSS import becomes media/out/taskTable.css.
  build({ entryPoints: ['media/taskTable/main.ts'], outfile: 'media/out/taskTable.js', bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, legalComments: 'eof', logLevel: 'warning' }),
]);
