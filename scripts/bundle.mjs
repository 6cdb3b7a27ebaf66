// `npm run build`, second step (after tsc emits dist/ for tools and benches): the shipped CLI is
// one esbuild bundle in dist/bundle/, tree-shaken, with every dependency inlined and split into
// lazy chunks, so a command loads only the code it runs (`--help` loads no zod, undici or yaml) and
// the package installs with no dependencies at all.
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * CommonJS packages hookctl loads with a dynamic import(). In a split bundle, esbuild gives such a
 * chunk a default export only, where Node gives named exports too (`const { request } = await
 * import('undici')`). The plugin puts an ES module in front of each that names every export.
 */
const LAZY_COMMONJS = ['undici', 'yaml', 'cosmiconfig', 'jq-wasm'];

/**
 * zod's `z` namespace re-exports every message locale (about 60 modules, 340 kB), which no
 * tree-shaking can drop; hookctl uses only the default, English. Its index of locales becomes one
 * that holds English alone.
 */
function zodEnglishOnly() {
  return {
    name: 'zod-english-only',
    setup(build) {
      build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: join(args.resolveDir, '../locales/en.js'), namespace: 'zod-locales' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
        contents: `export { default as en } from ${JSON.stringify(args.path)};\n`,
        resolveDir: root,
        loader: 'js',
      }));
    },
  };
}

function namedCommonJs(packages) {
  const require = createRequire(join(root, 'package.json'));
  return {
    name: 'named-commonjs',
    setup(build) {
      const filter = new RegExp(`^(${packages.join('|')})$`);
      build.onResolve({ filter }, (args) => (args.pluginData === 'real' ? undefined : { path: args.path, namespace: 'named-commonjs' }));
      build.onLoad({ filter: /.*/, namespace: 'named-commonjs' }, async (args) => {
        const names = Object.keys(require(args.path)).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
        const real = await build.resolve(args.path, { kind: 'import-statement', resolveDir: root, pluginData: 'real' });
        // require(), as Node itself does: `default` is module.exports even for a transpiled (__esModule) package.
        const contents = `const m = require(${JSON.stringify(real.path)});\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`;
        return { contents, resolveDir: root, loader: 'js' };
      });
    },
  };
}
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
  // cosmiconfig loads `typescript` only for a .ts config, and only when the user has it installed.
  // The keychain binding is native: an optional dependency, imported at run time when installed.
  external: ['typescript', '@napi-rs/keyring'],
  plugins: [namedCommonJs(LAZY_COMMONJS), zodEnglishOnly()],
  // Some dependencies are CommonJS and call require() for Node built-ins; jq-wasm's Emscripten
  // runtime also reads __dirname (its wasm is inlined, so the directory is never used to load a file).
  banner: {
    js: "import { createRequire as __hookctlRequire } from 'node:module'; const require = __hookctlRequire(import.meta.url); const __filename = new URL(import.meta.url).pathname; const __dirname = new URL('.', import.meta.url).pathname;",
  },
  chunkNames: 'chunk-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});
