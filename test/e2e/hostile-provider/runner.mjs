// One child of the hostile-provider suite: runs several hookctl invocations in a row in this one
// process, through the shipped bundle's main() (what bin/hookctl.js calls), so the matrix pays for
// one Node start per (mode, provider) instead of one per cell. Each invocation gets its own
// streams (written to files, so a huge output does not count against this process's memory), its
// own abort signal (the time bound: an invocation still running at its end is interrupted and
// recorded as such) and a reset emulator. After each one it records the exit code, the time, the
// CPU time this process spent on it (hookctl's own work, whatever else loads the machine) and the
// peak RSS so far (process.resourceUsage().maxRSS: a peak, so it can only grow).
//
//   node runner.mjs JOB.json      JOB: { dist, endpoint, env, cwd, abortAfterMs, cases: [{ id, argv }] }
// Writes <cwd>/results.json: [{ id, code, ms, cpuMs, peakRssKb, aborted }], and <cwd>/<id>.out / .err.
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const [{ main }, { createProcessDeps }] = await Promise.all([
  import(pathToFileURL(join(job.dist, 'cli.js')).href),
  import(pathToFileURL(join(job.dist, 'deps.js')).href),
]);
const base = createProcessDeps(new AbortController().signal);
const results = [];

const fileStream = (fd) => ({ isTTY: false, columns: 120, write: (text) => void writeSync(fd, text) });

for (const c of job.cases) {
  await fetch(`${job.endpoint}/_emulator/reset`, { method: 'POST' });
  const out = openSync(join(job.cwd, `${c.id}.out`), 'w');
  const err = openSync(join(job.cwd, `${c.id}.err`), 'w');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(Object.assign(new Error('interrupted'), { name: 'AbortError', signal: 'SIGTERM' })), job.abortAfterMs);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let code;
  try {
    code = await main(c.argv, {
      ...base,
      env: { ...job.env, HOOKCTL_ENDPOINT: job.endpoint },
      cwd: job.cwd,
      homeDir: job.cwd,
      cacheDir: join(job.cwd, '.cache', 'hookctl'),
      stdout: fileStream(out),
      stderr: fileStream(err),
      stdin: { isTTY: false, readAll: async () => '' },
      prompt: async () => '',
      signal: controller.signal,
    });
  } catch (error) {
    // main() turns every error into an exit code; reaching here is itself a finding.
    writeSync(err, `runner: main() threw: ${error instanceof Error ? error.message : String(error)}\n`);
    code = -1;
  }
  clearTimeout(timer);
  const cpu = process.cpuUsage(cpuBefore);
  results.push({
    id: c.id,
    code,
    ms: Math.round(performance.now() - started),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakRssKb: process.resourceUsage().maxRSS,
    aborted: controller.signal.aborted,
  });
  closeSync(out);
  closeSync(err);
}
writeFileSync(join(job.cwd, 'results.json'), JSON.stringify(results));
// Sockets an aborted invocation left open must not keep the child alive.
process.exit(0);
