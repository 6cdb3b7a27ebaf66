// Benchmark (asserts nothing): `hookctl audit` over 1,000 and 5,000 literal fleet targets (Codeup,
// ServiceStage and CodeArts groups mixed) against an emulator that adds --latency 50 to every
// request. Prints wall time against the ideal (requests × latency / concurrency + start-up) and
// the child's peak RSS. `requests` is every request the emulator answers, so the CodeArts
// delivery-log reads (one per group hook, made by the same workers) are in the ideal too. `npm run bench` runs it after bench/run.mjs; alone: `node bench/audit.mjs`
// after `npm run build`. BENCH_AUDIT_SIZES=1000,5000 and BENCH_LATENCY_MS=50 change the run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runTimed } from './spawn.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/hookctl.js');
const { createEmulator } = await import(join(root, 'dist/emulator/handle.js'));
const { startEmulatorServer } = await import(join(root, 'dist/emulator/server.js'));
const { emulatorEnv } = await import(join(root, 'dist/emulator/credentials.js'));
const { FLEET_NAMES } = await import(join(root, 'dist/emulator/fleet.js'));

const home = mkdtempSync(join(tmpdir(), 'hookctl-bench-audit-'));
// Reports the child's own peak RSS on exit (Node has no rusage for children).
const rssHook = join(home, 'rss.mjs');
writeFileSync(rssHook, "process.on('exit', () => process.stderr.write(`\\nbench-maxrss-kb=${process.resourceUsage().maxRSS}\\n`));\n");
// The request budget is a per-provider rate limit; the bench measures the runner, so it is off.
const config = join(home, 'hookctl.yaml');
writeFileSync(config, 'rateBudget:\n  codeup: { ratePerSecond: 0 }\n  codearts: { ratePerSecond: 0 }\n  servicestage: { ratePerSecond: 0 }\n');

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 50);
const concurrency = 16;
const sizes = (process.env.BENCH_AUDIT_SIZES ?? '1000,5000').split(',').map(Number);

async function run(args, env) {
  const command = ['--import', pathToFileURL(rssHook).href, bin, '--config', config, ...args];
  const { ms, stderr } = await runTimed(process.execPath, command, { home, env, label: args.slice(0, 3).join(' ') });
  const rss = Number(/bench-maxrss-kb=(\d+)/.exec(stderr)?.[1] ?? 0);
  return { ms, rssMb: rss / 1024, stderr };
}

console.log(`\naudit: literal fleet targets, --concurrency ${concurrency}, ${latencyMs} ms emulated latency per request`);
for (const size of sizes) {
  // Per provider: Codeup `perProvider` repositories, ServiceStage `perProvider - 5` projects, the 5 CodeArts groups.
  const perProvider = Math.ceil(size / 2);
  const emulator = createEmulator({ fleet: { size: perProvider, seed: 1 } });
  let requests = 0;
  let latency = 0;
  const server = await startEmulatorServer({
    port: 0,
    handle: async (request) => {
      requests++;
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      return emulator.handle(request);
    },
  });
  const env = emulatorEnv(server.url, emulator.credentials);
  const project = emulator.credentials.huawei.project.id;
  const pad = (i) => String(i).padStart(4, '0');
  const targets = [
    ...Array.from({ length: perProvider }, (_, i) => `codeup:${FLEET_NAMES.codeupOrganization}/${1001 + i}`),
    ...[501, 502, 503, 504, 505].map((id) => `codearts:${id}`),
    ...Array.from({ length: size - perProvider - 5 }, (_, i) => `servicestage:${project}/${FLEET_NAMES.servicestageNamespace}/svc-${pad(i + 1)}`),
  ];
  const file = join(home, `targets-${size}.txt`);
  writeFileSync(file, `${targets.join('\n')}\n`);

  // Start-up: the same command on one target with no latency (process start, config, one request).
  const startups = [];
  for (let i = 0; i < 3; i++) startups.push((await run(['audit', targets[0], '-o', 'json'], env)).ms);
  const startup = startups.sort((a, b) => a - b)[1];

  latency = latencyMs;
  requests = 0;
  const result = await run(['audit', '--targets-file', file, '--concurrency', String(concurrency), '-o', 'csv'], env);
  const ideal = (requests * latencyMs) / concurrency + startup;
  console.log(
    `  ${String(targets.length).padStart(5)} targets: ${requests} requests, ${result.ms.toFixed(0)} ms wall, ideal ${ideal.toFixed(0)} ms ` +
      `(${((requests * latencyMs) / concurrency).toFixed(0)} + start-up ${startup.toFixed(0)}) → ${(result.ms / ideal).toFixed(2)}× ideal; peak RSS ${result.rssMb.toFixed(0)} MB`,
  );
  console.log(`    ${result.stderr.split('\n').find((line) => /targets.*in .* s/.test(line)) ?? ''}`);
  await server.close();
}
