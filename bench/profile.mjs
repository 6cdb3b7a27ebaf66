// Profiling aid, not a test: `node bench/profile.mjs [hookctl args…]` runs one hookctl invocation
// against an in-process emulator under --cpu-prof and prints where the time went, grouped by package
// (node_modules/<pkg>) or by hookctl's own dist/ directory. Self time, in ms, from the V8 profile.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2).length ? process.argv.slice(2) : ['hooks', 'list', 'codearts:1'];
const dir = mkdtempSync(join(tmpdir(), 'hookctl-prof-'));
const { createEmulator } = await import(join(root, 'dist/emulator/handle.js'));
const { startEmulatorServer } = await import(join(root, 'dist/emulator/server.js'));
const { emulatorEnv } = await import(join(root, 'dist/emulator/credentials.js'));
const server = await startEmulatorServer({ port: 0, handle: createEmulator().handle });
const env = { PATH: process.env.PATH, HOME: dir, NO_COLOR: '1', ...emulatorEnv(server.url) };
// spawnSync would block the emulator in this process: run the child asynchronously.
const { spawn } = await import('node:child_process');
await new Promise((resolve) =>
  spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, join(root, 'bin/hookctl.js'), ...args], { cwd: dir, env, stdio: 'ignore' }).on(
    'close',
    resolve,
  ),
);
await server.close();
void spawnSync;
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const node = byId.get(profile.samples[i]);
  const url = node.callFrame.url;
  let key = node.callFrame.functionName === '(garbage collector)' ? '(gc)' : url ? url : `(${node.callFrame.functionName || 'native'})`;
  const nm = key.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (nm) key = nm[1];
  else if (key.includes('/dist/')) key = `hookctl dist/${key.split('/dist/')[1].split('/')[0]}`;
  else if (key.startsWith('node:')) key = 'node: internals';
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
}
const total = (profile.endTime - profile.startTime) / 1000;
console.log(`hookctl ${args.join(' ')}: ${total.toFixed(0)} ms profiled`);
for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${key}`);
