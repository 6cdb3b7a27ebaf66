// Benchmark of the fleet building blocks (not a test; asserts nothing). `npm run build` first.
//  1. throughput: N items with a fixed latency through runBounded: wall time vs the ideal N × latency / limit
//  2. memory: 1,000,000 lazy items through runBounded (flat), then with dedupe (its Set grows)
//  3. rate budget: requests through withRateBudget from 32 workers: achieved rate vs the bucket
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { runBounded, dedupe } = await import(join(root, 'dist/fleet/stream.js'));
const { withRateBudget } = await import(join(root, 'dist/fleet/rate-budget.js'));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;

async function* lazy(n) {
  for (let i = 0; i < n; i++) yield `codeup:org${i % 13}/${i + 1}`;
}

{
  const n = Number(process.env.BENCH_ITEMS ?? 4000);
  const latency = 20;
  const limit = 16;
  const started = performance.now();
  let count = 0;
  for await (const r of runBounded(lazy(n), limit, async () => sleep(latency))) if (r.status === 'fulfilled') count++;
  const wall = performance.now() - started;
  const ideal = (n * latency) / limit;
  console.log(
    `throughput: ${count} items, latency ${latency} ms, limit ${limit}: ${wall.toFixed(0)} ms (ideal ${ideal.toFixed(0)} ms, ${(wall / ideal).toFixed(2)}×)`,
  );
}

{
  const n = 1_000_000;
  const before = process.resourceUsage().maxRSS;
  const started = performance.now();
  let count = 0;
  for await (const r of runBounded(lazy(n), 16, async (t) => t.length)) if (r.status === 'fulfilled') count++;
  console.log(
    `memory: ${count} items, no dedupe, in ${(performance.now() - started).toFixed(0)} ms; peak RSS ${mb(before)} before, ${mb(process.resourceUsage().maxRSS)} after`,
  );
}

{
  const n = 1_000_000;
  const before = process.resourceUsage().maxRSS;
  const started = performance.now();
  let count = 0;
  // Every item appears twice; dedupe keeps one of each (its Set is the only thing that grows).
  async function* twice() {
    for await (const t of lazy(n / 2)) {
      yield t;
      yield t;
    }
  }
  for await (const r of runBounded(
    dedupe(twice(), (t) => t),
    16,
    async (t) => t.length,
  ))
    if (r.status === 'fulfilled') count++;
  console.log(
    `memory: ${n} items through dedupe (${count} distinct) in ${(performance.now() - started).toFixed(0)} ms; peak RSS ${mb(before)} before, ${mb(process.resourceUsage().maxRSS)} after`,
  );
}

{
  const rate = 200;
  const burst = 20;
  const total = 600;
  const sent = [];
  let claimed = 0;
  const transport = async () => {
    sent.push(performance.now());
    await sleep(5);
    return { status: 200, headers: {}, body: new Uint8Array() };
  };
  const send = withRateBudget(transport, { ratePerSecond: rate, burst });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (claimed++ < total) await send({ method: 'GET', url: new URL('http://x/'), headers: {} });
    }),
  );
  const wall = (performance.now() - started) / 1000;
  const ideal = (total - burst) / rate;
  console.log(
    `rate budget: ${sent.length} requests from 32 workers at ${rate}/s burst ${burst}: ${wall.toFixed(2)} s (bucket allows ${ideal.toFixed(2)} s at best)`,
  );
}
