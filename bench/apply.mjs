// Bench of hooks as code (`npm run bench`, after bench/run.mjs): `apply` of 1,000 hooks over 500
// targets against an emulator adding latency to every request, then a second `apply` of the same
// file: it must send zero write requests and take no longer than `hooks list` of the same targets
// (x1.2). Prints the figures; exits 1 when either bound is missed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTimed } from './spawn.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/hookctl.js');
const home = mkdtempSync(join(tmpdir(), 'hookctl-bench-apply-'));
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 50);
// The bound is checked at the default concurrency (8); 32 is printed too, for information: there
// the fixed cost of reading a 1,000-hook YAML file (~0.2-0.3 s cold) weighs more against the list.
const concurrencies = ['8', '32'];
const runs = Number(process.env.BENCH_APPLY_RUNS ?? 3);

const { createEmulator } = await import(join(root, 'dist/emulator/handle.js'));
const { startEmulatorServer } = await import(join(root, 'dist/emulator/server.js'));
const { emulatorEnv } = await import(join(root, 'dist/emulator/credentials.js'));

// 500 targets: 200 Codeup, 200 CodeArts, 100 ServiceStage; two hooks each.
const targets = [
  ...Array.from({ length: 200 }, (_, i) => `codeup:ORG/${i + 1}`),
  ...Array.from({ length: 200 }, (_, i) => `codearts:${i + 1}`),
  ...Array.from({ length: 100 }, (_, i) => `servicestage:0123456789abcdef0123456789abcdef/team/repo${i + 1}`),
];
const lines = ['version: 1', 'defaults:', '  secret: ${env:BENCH_SECRET}', 'hooks:'];
for (const target of targets) {
  const codearts = target.startsWith('codearts:');
  lines.push(`  - target: ${target}`, '    url: https://ci.example.com/build', ...(codearts ? ['    name: build', '    events: [push, merge_request]'] : []));
  lines.push(`  - target: ${target}`, '    url: https://audit.example.com/hook', ...(codearts ? ['    name: audit'] : []));
}
writeFileSync(join(home, 'hooks.yaml'), `${lines.join('\n')}\n`);

const emulator = createEmulator({ latencyMs });
let writes = 0;
const server = await startEmulatorServer({
  port: 0,
  handle: (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') writes += 1;
    return emulator.handle(request);
  },
});
const env = { ...emulatorEnv(server.url), BENCH_SECRET: 'bench-secret-value' };

async function time(args) {
  return (await runTimed(process.execPath, [bin, ...args], { home, env, label: `hookctl ${args.join(' ')}` })).ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log(`\napply: ${targets.length * 2} hooks over ${targets.length} targets, ${latencyMs} ms emulated latency per request`);
const first = await time(['apply', '-f', 'hooks.yaml', '--yes']);
console.log(`  first apply (creates)              ${first.toFixed(0).padStart(7)} ms  ${writes} write requests`);

let failed = false;
for (const concurrency of concurrencies) {
  const second = [];
  const list = [];
  let secondWrites = 0;
  for (let i = 0; i < runs; i++) {
    writes = 0;
    second.push(await time(['apply', '-f', 'hooks.yaml', '--yes', '--concurrency', concurrency]));
    secondWrites += writes;
    list.push(await time(['hooks', 'list', ...targets, '--concurrency', concurrency]));
  }
  const ratio = median(second) / median(list);
  const bound = concurrency === '8';
  console.log(
    `  --concurrency ${concurrency.padEnd(2)} second apply (no change) ${median(second).toFixed(0).padStart(7)} ms  ${secondWrites} write requests (median of ${runs})`,
  );
  console.log(`  --concurrency ${concurrency.padEnd(2)} hooks list, same targets ${median(list).toFixed(0).padStart(7)} ms`);
  console.log(
    `  --concurrency ${concurrency.padEnd(2)} second apply / list      ${ratio.toFixed(2).padStart(7)} x${bound ? '   (bound 1.20)' : '   (information)'}`,
  );
  if (secondWrites !== 0 || (bound && ratio > 1.2)) failed = true;
}
await server.close();
if (failed) {
  console.log('  FAILED: the second apply must send no write and take at most 1.2x the list');
  process.exitCode = 1;
}
