// `npm run build`, second step (after tsc emits dist/ for tools and benches): the shipped CLI is
// one esbuild bundle in dist/bundle/, tree-shaken, with dependencies inlined and split into lazy
// chunks, so a command loads only the code it runs (`--help` loads no zod, undici or yaml).
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist/bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts', deps: 'src/runtime/deps.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // The CommonJS packages hookctl loads lazily (undici for the network, yaml and cosmiconfig for
  // config files) stay real dependencies: esbuild cannot tree-shake them, and a split chunk would
  // give their dynamic import() a default export only. cosmiconfig loads `typescript` only for a
  // .ts config, and only when the user has it installed.
  external: ['undici', 'yaml', 'cosmiconfig', 'typescript'],
  // Some dependencies are CommonJS and call require() for Node built-ins.
  banner: { js: "import { createRequire as __hookctlRequire } from 'node:module'; const require = __hookctlRequire(import.meta.url);" },
  chunkNames: 'chunk-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});
