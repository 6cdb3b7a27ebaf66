// Load figures, not a test: `npm run bench:load` (builds first). Prints one line per scenario.
// `hookctl hooks list` over 500 CodeArts targets at --concurrency 64 against `hookctl emulator
// --latency 50`, without faults and with rate=0.2:503 (seed 1): wall time, the CLI's peak RSS,
// and hooks missing from the output (one hook is created per target beforehand, through the
// emulator's API; must be 0 whenever the run exits 0). Then `apply` of one new hook per target
// under the same faults and a fault-free re-run, counted at the emulator (LOAD_STDERR=FILE keeps
// the first apply's output).
// The faults are set through /_emulator/faults after the hooks were created, so the set-up's own
// requests do not draw from the seeded fault sequence. BENCH_TARGETS changes the target count.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/hookctl.js');
const targets = Number(process.env.BENCH_TARGETS ?? 500);
const home = mkdtempSync(join(tmpdir(), 'hookctl-load-'));
const reporter = join(home, 'rss.mjs');
writeFileSync(
  reporter,
  "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
);
const baseEnv = { PATH: process.env.PATH, HOME: home, NO_COLOR: '1', XDG_CACHE_HOME: join(home, '.cache'), XDG_CONFIG_HOME: join(home, '.config') };

/** `hookctl emulator` as users run it; resolves with its exported environment once it listens. */
function startEmulator(args) {
  const child = spawn(process.execPath, [bin, 'emulator', '--port', '0', ...args], { cwd: home, env: baseEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      if (out.includes('SERVICESTAGE_REPO_AUTH=')) {
        resolve({ child, env: Object.fromEntries([...out.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2].replace(/^'|'$/g, '')])) });
      }
    });
    child.on('exit', (code) => reject(new Error(`emulator exited ${code}`)));
  });
}

async function api(env, method, path, body) {
  const res = await fetch(`${env.HOOKCTL_ENDPOINT}${path}`, {
    method,
    headers: { 'x-auth-token': env.HUAWEICLOUD_TOKEN, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return res;
}

function run(args, env) {
  const rssFile = join(home, `rss-${Date.now()}`);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', reporter, bin, ...args], {
      cwd: home,
      env: { ...baseEnv, ...env, RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ code, stdout, stderr, ms, rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024 });
    });
  });
}

const scenarios = [
  { name: 'latency 50', faults: [] },
  { name: 'latency 50 + rate=0.2:503 seed 1', faults: ['rate=0.2:503'] },
];

const groups = Array.from({ length: targets }, (_, i) => String(i + 1));
for (const scenario of scenarios) {
  const { child, env } = await startEmulator(['--latency', '50']);
  try {
    // One hook per target, created concurrently through the emulator's own API.
    for (let i = 0; i < groups.length; i += 64) {
      await Promise.all(
        groups.slice(i, i + 64).map((g) =>
          api(env, 'POST', `/v4/groups/${g}/hooks`, {
            url: `https://ci.example.com/load/${g}`,
            name: `load-${g}`,
            push_events: true,
            push_events_branch_regex_filter: '.*',
          }),
        ),
      );
    }
    if (scenario.faults.length > 0) await api(env, 'POST', '/_emulator/faults', { faults: scenario.faults, seed: 1 });
    const out = await run(['hooks', 'list', ...groups.map((g) => `codearts:${g}`), '--concurrency', '64', '--json'], env);
    let listed = [];
    try {
      listed = JSON.parse(out.stdout || '[]');
    } catch {
      listed = [];
    }
    const seen = new Set(listed.map((hook) => `${hook.target} ${hook.url}`));
    const missing = groups.filter((g) => !seen.has(`codearts:${g} https://ci.example.com/load/${g}`));
    const status = await (await api(env, 'GET', '/_emulator/faults')).json();
    const fired = status.faults.reduce((sum, fault) => sum + fault.fired, 0);
    const failedLines = out.stderr.split('\n').filter((line) => /fail|error/i.test(line)).length;
    console.log(
      `${scenario.name}: ${targets} targets, exit ${out.code}, wall ${(out.ms / 1000).toFixed(2)} s, peak RSS ${out.rssMb.toFixed(0)} MB, faults fired ${fired}, ` +
        `hooks missing ${missing.length}${out.code === 0 ? '' : ` (targets reported failed: ${failedLines})`}`,
    );
    if (out.code === 0 && missing.length > 0) process.exitCode = 1;
  } finally {
    child.kill('SIGINT');
  }
}

// Writes under faults: `apply` of one new hook per target with the same 20% 503s, then a second,
// fault-free `apply`. Counted at the emulator after each: targets holding the hook (created),
// targets holding it more than once (duplicated: must be 0), and whether the re-run converged.
function hooksFile(url) {
  const lines = ['version: 1', 'hooks:'];
  for (const g of groups) lines.push(`  - target: codearts:${g}`, `    url: ${url}`, '    name: load-apply', '    events: [push]');
  return `${lines.join('\n')}\n`;
}

async function countAt(env, url) {
  let created = 0;
  let duplicated = 0;
  for (let i = 0; i < groups.length; i += 64) {
    const counts = await Promise.all(
      groups.slice(i, i + 64).map(async (g) => {
        const hooks = await (await api(env, 'GET', `/v4/groups/${g}/hooks?offset=0&limit=100`)).json();
        return (Array.isArray(hooks) ? hooks : (hooks.result ?? hooks.hooks ?? [])).filter((hook) => hook.url === url).length;
      }),
    );
    for (const n of counts) {
      if (n > 0) created += 1;
      if (n > 1) duplicated += 1;
    }
  }
  return { created, duplicated };
}

{
  const url = 'https://ci.example.com/load-apply';
  writeFileSync(join(home, 'hooks.yaml'), hooksFile(url));
  const { child, env } = await startEmulator(['--latency', '50']);
  try {
    await api(env, 'POST', '/_emulator/faults', { faults: ['rate=0.2:503'], seed: 1 });
    const first = await run(['apply', '-f', 'hooks.yaml', '--yes', '--concurrency', '64'], env);
    if (process.env.LOAD_STDERR) writeFileSync(process.env.LOAD_STDERR, first.stderr + '\n--- stdout\n' + first.stdout);
    await api(env, 'DELETE', '/_emulator/faults');
    const afterFirst = await countAt(env, url);
    const second = await run(['apply', '-f', 'hooks.yaml', '--yes', '--concurrency', '64'], env);
    const afterSecond = await countAt(env, url);
    console.log(
      `apply, latency 50 + rate=0.2:503 seed 1: ${targets} targets, exit ${first.code}, wall ${(first.ms / 1000).toFixed(2)} s, peak RSS ${first.rssMb.toFixed(0)} MB, ` +
        `created ${afterFirst.created}, duplicated ${afterFirst.duplicated}; re-run without faults: exit ${second.code}, wall ${(second.ms / 1000).toFixed(2)} s, ` +
        `created ${afterSecond.created}, duplicated ${afterSecond.duplicated}`,
    );
    if (afterFirst.duplicated + afterSecond.duplicated > 0 || afterSecond.created !== targets || second.code !== 0) process.exitCode = 1;
  } finally {
    child.kill('SIGINT');
  }
}
