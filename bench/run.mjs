// Benchmarks, not tests: `npm run bench` (builds first). Prints medians and ratios; asserts nothing.
//  1. start-up: `node -e 0` vs `hookctl --version`, `--help`, `hooks list` and `hooks create` on the
//     emulator, same run: median wall time, its ratio to `node -e 0`, and peak RSS (via /usr/bin/time)
//  2. bulk: `hookctl hooks list` over many targets against an emulator adding per-request latency
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { runTimed } from './spawn.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/hookctl.js');
const runs = Number(process.env.BENCH_RUNS ?? 15);
const home = mkdtempSync(join(tmpdir(), 'hookctl-bench-'));
// Loading any ES module file costs Node something over `-e`: this is the floor for a CLI entry.
const emptyModule = join(home, 'empty.mjs');
writeFileSync(emptyModule, '');

// The same request with undici alone (bench/undici-floor.mjs), bundled like the CLI: what no
// change inside hookctl can go below.
const floor = join(home, 'undici-floor.mjs');
await build({
  entryPoints: [join(root, 'bench/undici-floor.mjs')],
  outfile: floor,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
  logLevel: 'warning',
});

const { createEmulator } = await import(join(root, 'dist/emulator/handle.js'));
const { startEmulatorServer } = await import(join(root, 'dist/emulator/server.js'));
const { emulatorEnv } = await import(join(root, 'dist/emulator/credentials.js'));

// Async spawn: the emulator serves from this same process, so the event loop must stay free.
// `args` may be a function: a fresh argument list per run (e.g. a unique hook name for create).
// `rss`: run under /usr/bin/time and resolve the child's peak RSS in MB instead of the wall time.
async function time(argv, env = {}, rss = false) {
  const args = typeof argv === 'function' ? argv() : argv;
  const [command, commandArgs] = rss ? ['/usr/bin/time', ['-f', 'maxrss %M', process.execPath, ...args]] : [process.execPath, args];
  const { ms, stderr } = await runTimed(command, commandArgs, { home, env, label: args.join(' ') });
  return rss ? Number(/maxrss (\d+)/.exec(stderr)?.[1]) / 1024 : ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Interleaves the scenarios so machine noise hits them alike. */
async function measure(scenarios) {
  const samples = Object.fromEntries(scenarios.map(([name]) => [name, []]));
  for (const [, args, env] of scenarios) await time(args, env); // warm the file cache
  for (let i = 0; i < runs; i++) for (const [name, args, env] of scenarios) samples[name].push(await time(args, env));
  const peak = {};
  const canRss = existsSync('/usr/bin/time');
  for (const [name, args, env] of scenarios) peak[name] = canRss ? Math.max(...(await Promise.all([1, 2, 3].map(() => time(args, env, true))))) : Number.NaN;
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, { ms: median(values), rssMb: peak[name] }]));
}

const fast = createEmulator();
const fastServer = await startEmulatorServer({ port: 0, handle: fast.handle });
const env = emulatorEnv(fastServer.url);
let created = 0;
await time([bin, 'hooks', 'create', 'codearts:1', '--url', 'https://ci.example.com/h', '--name', 'bench'], env);

console.log(`start-up (median of ${runs} runs, Node ${process.version})`);
const startup = await measure([
  ['node -e 0', ['-e', '0']],
  ['node empty.mjs', [emptyModule]],
  ['hookctl --version', [bin, '--version']],
  ['hookctl --help', [bin, '--help']],
  ['undici alone: one GET (floor)', [floor], env],
  ['hookctl hooks list (emulator)', [bin, 'hooks', 'list', 'codearts:1'], env],
  [
    'hookctl hooks create (emulator)',
    () => [bin, 'hooks', 'create', 'codearts:2', '--url', `https://ci.example.com/h${++created}`, '--name', `bench${created}`],
    env,
  ],
]);
const base = startup['node -e 0'].ms;
console.log(`  ${'command'.padEnd(32)} ${'median'.padStart(10)}  ${'ratio'.padStart(7)}  peak RSS`);
for (const [name, { ms, rssMb }] of Object.entries(startup)) {
  console.log(`  ${name.padEnd(32)} ${ms.toFixed(1).padStart(7)} ms  ${(ms / base).toFixed(2).padStart(6)}x  ${rssMb.toFixed(1).padStart(6)} MB`);
}
await fastServer.close();

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 50);
const targets = Array.from({ length: Number(process.env.BENCH_TARGETS ?? 200) }, (_, i) => `codearts:${i + 1}`);
const slow = createEmulator({ latencyMs });
const slowServer = await startEmulatorServer({ port: 0, handle: slow.handle });
const slowEnv = emulatorEnv(slowServer.url);
console.log(`\nbulk: hooks list over ${targets.length} targets, ${latencyMs} ms emulated latency per request`);
for (const concurrency of [1, 8, 32]) {
  const ms = await time([bin, 'hooks', 'list', ...targets, '--concurrency', String(concurrency)], slowEnv);
  console.log(`  --concurrency ${String(concurrency).padEnd(3)} ${ms.toFixed(0).padStart(7)} ms  ${(targets.length / (ms / 1000)).toFixed(0)} targets/s`);
}
await slowServer.close();
await import('./audit.mjs');
await import('./redact.mjs');
