// Benchmark of the redactor (not a test; asserts nothing). `npm run bench` runs it after
// bench/run.mjs; alone: `node bench/redact.mjs` after `npm run build`.
//  1. in process: 5,000 registered secrets (holding % and \) scrubbed from 10 MB of output text
//     holding % and \ and some of the secrets in their spellings: registration time, first and
//     warm scrub time, MB/s
//  2. fleet: `hookctl hooks list -o json` over a Codeup v3 emulator fleet whose hooks carry 5,000
//     distinct secrets (each one registered, then scrubbed from the output) against the same fleet
//     without secrets: both medians and their ratio
// BENCH_REDACT_SECRETS=5000, BENCH_REDACT_MB=10 and BENCH_RUNS=15 change the run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTimed } from './spawn.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/hookctl.js');
const { Redactor } = await import(join(root, 'dist/http/redact.js'));
const { createEmulator } = await import(join(root, 'dist/emulator/handle.js'));
const { startEmulatorServer } = await import(join(root, 'dist/emulator/server.js'));
const { emulatorEnv } = await import(join(root, 'dist/emulator/credentials.js'));

const secretCount = Number(process.env.BENCH_REDACT_SECRETS ?? 5000);
const megabytes = Number(process.env.BENCH_REDACT_MB ?? 10);
const runs = Number(process.env.BENCH_RUNS ?? 15);

// Deterministic pseudo-random text, so runs compare.
let state = 0x5eed;
const rand = (n) => {
  state = (state * 1103515245 + 12345) & 0x7fffffff;
  return state % n;
};
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789%\\';
const word = (length) => Array.from({ length }, () => ALPHABET[rand(ALPHABET.length)]).join('');
const secrets = Array.from({ length: secretCount }, (_, i) => `s${i}%${word(20)}\\${word(11)}`);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

{
  // Output-like lines: JSON with % and \ escapes, percent-encoded URLs, and now and then a
  // secret as is, JSON-escaped or percent-encoded.
  const target = megabytes * 1024 * 1024;
  const parts = [];
  let size = 0;
  let planted = 0;
  for (let i = 0; size < target; i++) {
    let line = `{"url":"https://ci.example.com/h/${word(8)}%2F${word(6)}?q=100%25","path":"C:\\\\work\\\\${word(10)}","note":"${word(40)}"}\n`;
    if (i % 50 === 0) {
      const s = secrets[rand(secrets.length)];
      const spelling = [s, JSON.stringify(s).slice(1, -1), encodeURIComponent(s)][planted++ % 3];
      line += `${spelling}\n`;
    }
    parts.push(line);
    size += line.length;
  }
  const text = parts.join('');
  const redactor = new Redactor();
  let started = performance.now();
  redactor.add(...secrets);
  const addMs = performance.now() - started;
  started = performance.now();
  const first = redactor.scrub(text);
  const firstMs = performance.now() - started;
  const warm = [];
  for (let i = 0; i < 3; i++) {
    started = performance.now();
    redactor.scrub(text);
    warm.push(performance.now() - started);
  }
  const warmMs = median(warm);
  const mb = text.length / (1024 * 1024);
  const left = secrets.filter((s) => first.includes(s)).length;
  console.log(`\nredactor: ${secretCount} secrets over ${mb.toFixed(1)} MB of text with % and \\ (${planted} planted spellings), in process`);
  console.log(
    `  add ${addMs.toFixed(0)} ms; first scrub ${firstMs.toFixed(0)} ms (${(mb / (firstMs / 1000)).toFixed(1)} MB/s); warm scrub ${warmMs.toFixed(0)} ms (${(mb / (warmMs / 1000)).toFixed(1)} MB/s); secrets left in the output: ${left}`,
  );
}

{
  // One Codeup organization, one hook per repository: the same fleet with and without secrets.
  const repos = secretCount;
  const fleet = (withSecrets) => ({
    spec: {
      codeup: [
        {
          organization: 'bench-org',
          repositories: Array.from({ length: repos }, (_, i) => ({
            id: 1001 + i,
            name: `repo-${i + 1}`,
            hooks: [{ url: `https://ci.example.com/h/${i}?q=100%25`, ...(withSecrets && { secretToken: secrets[i] }) }],
          })),
        },
      ],
    },
  });
  const home = mkdtempSync(join(tmpdir(), 'hookctl-bench-redact-'));
  const targets = join(home, 'targets.txt');
  writeFileSync(targets, `${Array.from({ length: repos }, (_, i) => `codeup:bench-org/${1001 + i}`).join('\n')}\n`);
  // The request budget is a per-provider rate limit; the bench measures the redactor, so it is off.
  const config = join(home, 'hookctl.yaml');
  writeFileSync(config, 'rateBudget:\n  codeup: { ratePerSecond: 0 }\n');
  const servers = [];
  const scenarios = [];
  for (const [name, withSecrets] of [
    ['no secrets', false],
    [`${secretCount} secrets`, true],
  ]) {
    const emulator = createEmulator({ fleet: fleet(withSecrets) });
    const server = await startEmulatorServer({ port: 0, handle: emulator.handle });
    servers.push(server);
    scenarios.push([name, emulatorEnv(server.url, emulator.credentials)]);
  }
  const args = [bin, '--config', config, 'hooks', 'list', '--targets-file', targets, '--concurrency', '16', '-o', 'json'];
  const samples = Object.fromEntries(scenarios.map(([name]) => [name, []]));
  const fleetRuns = Math.max(3, Math.ceil(runs / 3));
  for (const [, env] of scenarios) await runTimed(process.execPath, args, { home, env, label: 'hooks list' }); // warm up
  for (let i = 0; i < fleetRuns; i++) {
    for (const [name, env] of scenarios) samples[name].push((await runTimed(process.execPath, args, { home, env, label: 'hooks list' })).ms);
  }
  const plain = median(samples['no secrets']);
  const secret = median(samples[`${secretCount} secrets`]);
  console.log(`\nfleet: hooks list -o json over ${repos} Codeup v3 repositories, one hook each (median of ${fleetRuns} runs)`);
  console.log(`  no secrets ${plain.toFixed(0)} ms; ${secretCount} distinct secrets ${secret.toFixed(0)} ms; ratio ${(secret / plain).toFixed(2)}x`);
  for (const server of servers) await server.close();
}
