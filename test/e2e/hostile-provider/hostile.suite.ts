/**
 * The hostile-provider suite: every command that reads provider data (the CLI tree's
 * `readsProviderData`), plus discovery through a pattern, against every hostile mode of the emulator
 * (src/emulator/hostile.ts) and an honest baseline, for every provider of the registry (Codeup in
 * both API modes). Each cell must end within its time bounds (CPU and wall clock), stay under 200 MB peak RSS, exit with a
 * documented code, print at most one error line (and its hint) on stderr, and show no credential,
 * hook secret or raw control character. Cells run several to a child (runner.mjs), two children at
 * a time. Run `npm run build` first. HOSTILE_SHOW=1 prints every cell.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { providerReadingCommands } from '../../../src/cli/program.js';
import { FAILURE_LINES } from '../../../src/commands/fleet.js';
import { createEmulator } from '../../../src/emulator/handle.js';
import { HOSTILE_MODES, HOSTILE_SECRET, type HostileMode } from '../../../src/emulator/hostile.js';
import { startEmulatorServer } from '../../../src/emulator/server.js';
import { ExitCode } from '../../../src/exit-codes.js';
import { PROVIDERS } from '../../../src/providers/registry.js';
import { baseEnv, emptyDir, ROOT } from '../../helpers/cli.js';
import { CREDENTIALS, credentialEnv, fleet, hooksFile, invocations, type ProviderWorld, WORLD_SECRETS, WORLDS } from './world.js';

/**
 * Two time bounds per cell. The CPU time hookctl spends (user + system, in the runner) measures
 * its work whatever else loads the machine: a cell that reads far more than its bounds allow
 * fails it deterministically. The wall-clock bound catches what burns no CPU (a hang, a wait
 * without end); it is generous because this 2-core machine is shared (load 10 stretched 0.5 s
 * cells to 5 s and 2.7 s of CPU to 15 s), and the slow drip ends at its 500 ms timeout well inside it.
 */
const CELL_CPU_MS = 3000;
const CELL_BOUND_MS = 30_000;
const MAX_RSS_MB = 200;
/** The error, its hint, and a progress or summary line (`hooks test` says where it sends; bulk commands end with a summary). */
const MAX_STDERR_LINES = 3;
/**
 * Fleet commands name each failed target on stderr, the first FAILURE_LINES of them; the rest are
 * counted in one line (with the --max-failures stop, when it came), then the summary and the error.
 */
const FLEET_COMMANDS = new Set(['patterns', 'audit', 'export', 'plan', 'apply', 'rotate']);
const maxStderrLines = (command: string) => (FLEET_COMMANDS.has(command) ? FAILURE_LINES + MAX_STDERR_LINES : MAX_STDERR_LINES);
/** A slow drip ends only at the client's deadline, so that one is short; the others leave room for a loaded machine. */
const timeoutFor = (mode: Mode) => (mode === 'slow-drip' ? '500' : '3000');
const CHILDREN_AT_ONCE = 2;
/**
 * Fan-out cells run with lower discovery bounds: at the defaults each of the 1000 invented Codeup
 * repositories, 1000 CodeArts groups or 100000 ServiceStage projects is a target the command then
 * lists (a legitimate run of that size: seconds to minutes, not a hostile-provider failure).
 * test/contract/fan-out-defaults.test.ts proves the discovery at the default bounds trips and ends.
 */
const FAN_OUT_BOUNDS = ['--max-groups', '100', '--max-repositories', '100'];
/** How much of a cell's stdout is read for the checks (an unbounded output is already a failure past this). */
const MAX_READ_BYTES = 32 * 1024 * 1024;

type Mode = HostileMode | 'honest';
/** HOSTILE_ONLY=mode,mode runs just those (while working on one). */
const MODES: readonly Mode[] = (['honest', ...HOSTILE_MODES] as Mode[]).filter(
  (m) => !process.env.HOSTILE_ONLY || process.env.HOSTILE_ONLY.split(',').includes(m),
);
const DOCUMENTED = new Set<number>(Object.values(ExitCode));
const SUCCESS = new Set<number>([ExitCode.ok, ExitCode.changesPending, ExitCode.findings]);

const allWorlds: ProviderWorld[] = PROVIDERS.flatMap((p) => WORLDS[p.id] ?? []);
/** HOSTILE_WORLDS=codeup-v3,codearts runs just those providers (while working on one). */
const worlds = allWorlds.filter((w) => !process.env.HOSTILE_WORLDS || process.env.HOSTILE_WORLDS.split(',').includes(w.name));

/** What must never show, in every form a leak could take: raw, JSON-escaped, percent-encoded. */
const FORBIDDEN: readonly { what: string; text: string }[] = (() => {
  const out: { what: string; text: string }[] = [];
  for (const c of CREDENTIALS) out.push({ what: 'a credential', text: c });
  for (const s of WORLD_SECRETS) out.push({ what: 'a hook secret', text: s });
  for (const at of [0, 2500, 5000, 7500, 9960]) {
    const piece = HOSTILE_SECRET.slice(at, at + 40);
    out.push({ what: `the long secret (chars ${at}+)`, text: piece });
    out.push({ what: `the long secret, JSON-escaped (chars ${at}+)`, text: JSON.stringify(piece).slice(1, -1) });
    out.push({ what: `the long secret, percent-encoded (chars ${at}+)`, text: encodeURIComponent(piece) });
  }
  return out;
})();
// C0 controls but tab and line feed, DEL, C1 controls, and the bidi overrides and isolates.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

interface Cell {
  mode: Mode;
  world: string;
  command: string;
  code: number;
  ms: number;
  cpuMs: number;
  peakRssMb: number;
  problems: string[];
}

const cells: Cell[] = [];
const started = Date.now();

let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= CHILDREN_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function readCapped(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(MAX_READ_BYTES);
    const n = readSync(fd, buffer, 0, MAX_READ_BYTES, 0);
    return buffer.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The problems of one cell; none means it passed. */
function judge(
  mode: Mode,
  command: string,
  unsupported: boolean,
  result: { code: number; ms: number; cpuMs: number; peakRssKb: number; aborted: boolean },
  stdout: string,
  stderr: string,
): string[] {
  const problems: string[] = [];
  const lines = stderr.split('\n').filter((line) => line.trim() !== '');
  if (result.aborted || result.ms > CELL_BOUND_MS) problems.push(`did not end within ${CELL_BOUND_MS} ms (${result.ms} ms)`);
  if (result.cpuMs > CELL_CPU_MS) problems.push(`${result.cpuMs} ms of CPU, over ${CELL_CPU_MS} ms`);
  if (result.peakRssKb / 1024 >= MAX_RSS_MB) problems.push(`peak RSS ${Math.round(result.peakRssKb / 1024)} MB`);
  if (!DOCUMENTED.has(result.code) || result.code === ExitCode.interrupted || result.code === ExitCode.terminated) problems.push(`exit ${result.code}`);
  const expected = unsupported ? result.code === ExitCode.usage : SUCCESS.has(result.code);
  if (mode === 'honest' && !expected) problems.push(`honest provider: exit ${result.code}: ${lines[0] ?? ''}`);
  // One error line, with at most its hint and one progress or summary line; never a line per item.
  const errors = lines.filter((line) => line.startsWith('error:'));
  if (errors.length > 1) problems.push(`${errors.length} error lines on stderr`);
  if (!SUCCESS.has(result.code) && errors.length === 0 && !lines.some((line) => line.startsWith('failed:'))) {
    problems.push(`exit ${result.code} without an error line: ${JSON.stringify(lines[0]?.slice(0, 160) ?? '')}`);
  }
  if (lines.length > maxStderrLines(command)) problems.push(`${lines.length} lines on stderr: ${JSON.stringify(lines[1]?.slice(0, 160))}`);
  for (const { what, text } of FORBIDDEN) {
    if (stdout.includes(text)) problems.push(`${what} on stdout`);
    if (stderr.includes(text)) problems.push(`${what} on stderr`);
  }
  const control = CONTROL.exec(stdout) ?? CONTROL.exec(stderr);
  if (control) problems.push(`raw control character U+${(control[0].codePointAt(0) ?? 0).toString(16).padStart(4, '0')} in the output`);
  return problems;
}

/** One child: every invocation for one (mode, provider), against a fresh emulator in that mode. */
async function runJob(mode: Mode, world: ProviderWorld, receiverUrl: string): Promise<Cell[]> {
  const emulator = createEmulator({ fleet: { spec: fleet(receiverUrl) }, ...(mode !== 'honest' && { hostile: mode }) });
  const server = await startEmulatorServer({ port: 0, handle: emulator.handle });
  try {
    const cwd = emptyDir();
    writeFileSync(join(cwd, 'hooks.json'), hooksFile(world));
    const list = invocations(world, world.hookId(emulator));
    const flags = [...world.args, '--timeout', timeoutFor(mode), '--retries', '0', ...(mode === 'fan-out' ? FAN_OUT_BOUNDS : [])];
    const job = {
      dist: join(ROOT, 'dist/bundle'),
      endpoint: server.url,
      env: baseEnv({ HOME: cwd, ...credentialEnv() }),
      cwd,
      abortAfterMs: CELL_BOUND_MS + 500,
      cases: list.map((c, i) => ({ id: `c${i}`, argv: [...c.argv, ...flags] })),
    };
    writeFileSync(join(cwd, 'job.json'), JSON.stringify(job));
    const exit = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [join(import.meta.dirname, 'runner.mjs'), join(cwd, 'job.json')], {
        cwd,
        env: baseEnv({ HOME: cwd }),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        if (stderr.length < 10_000) stderr += d;
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), list.length * (CELL_BOUND_MS + 3000) + 10_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      });
    });
    let results: { id: string; code: number; ms: number; cpuMs: number; peakRssKb: number; aborted: boolean }[];
    try {
      results = JSON.parse(readFileSync(join(cwd, 'results.json'), 'utf8'));
    } catch {
      throw new Error(`${mode} × ${world.name}: the runner died (exit ${exit.code}): ${exit.stderr.slice(0, 500)}`);
    }
    return results.map((result, i) => {
      const stdout = readCapped(join(cwd, `${result.id}.out`));
      const stderr = readCapped(join(cwd, `${result.id}.err`));
      const cell: Cell = {
        mode,
        world: world.name,
        command: list[i]?.command ?? '?',
        code: result.code,
        ms: result.ms,
        cpuMs: result.cpuMs,
        peakRssMb: Math.round(result.peakRssKb / 1024),
        problems: judge(mode, list[i]?.command ?? '?', world.unsupported.includes(list[i]?.command ?? ''), result, stdout, stderr),
      };
      if (process.env.HOSTILE_SHOW)
        console.log(
          `${mode} | ${cell.command} | ${world.name}: exit ${cell.code}, ${cell.ms} ms, ${cell.cpuMs} ms CPU, ${cell.peakRssMb} MB ${cell.problems.join('; ')}`,
        );
      return cell;
    });
  } finally {
    await server.close();
  }
}

describe('the matrix covers everything', () => {
  it('every provider of the registry has a world (Codeup: each API mode)', () => {
    for (const p of PROVIDERS) expect(WORLDS[p.id]?.length ?? 0, `no hostile world for provider ${p.id}`).toBeGreaterThan(0);
    expect(allWorlds.map((w) => w.name)).toEqual(['codeup-v3', 'codeup-oapi', 'codearts', 'servicestage']);
  });

  it('every command that reads provider data has an invocation, and patterns one too', () => {
    const covered = new Set(invocations(allWorlds[0] as ProviderWorld, '1').map((c) => c.command));
    const declared = providerReadingCommands();
    expect(declared.length).toBeGreaterThanOrEqual(12);
    for (const command of declared) expect(covered.has(command), `${command} reads provider data but the hostile suite never runs it`).toBe(true);
    expect([...covered].sort()).toEqual([...declared, 'patterns'].sort());
  });
});

/** Receives `hooks test` deliveries: 200 to anything. */
const receiver = await new Promise<{ url: string; close(): void }>((resolve) => {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
  });
  server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() }));
});

describe.concurrent('hostile providers', () => {
  afterAll(() => {
    receiver.close();
    const failing = cells.filter((c) => c.problems.length > 0);
    const commands = new Set(cells.map((c) => c.command)).size;
    console.log(
      `hostile matrix: ${MODES.length} modes (honest included) × ${commands} commands × ${worlds.length} providers = ${cells.length} cells, ` +
        `${failing.length} failing, ${((Date.now() - started) / 1000).toFixed(1)} s, peak RSS max ${Math.max(0, ...cells.map((c) => c.peakRssMb))} MB, ` +
        `CPU per cell max ${Math.max(0, ...cells.map((c) => c.cpuMs))} ms, wall per cell max ${Math.max(0, ...cells.map((c) => c.ms))} ms`,
    );
  });

  for (const mode of MODES) {
    for (const world of worlds) {
      it(`${mode} × ${world.name}`, async () => {
        const done = await slot(() => runJob(mode, world, receiver.url));
        cells.push(...done);
        const failing = done.filter((c) => c.problems.length > 0).map((c) => `${c.mode} | ${c.command} | ${c.world}: ${c.problems.join('; ')}`);
        expect(failing).toEqual([]);
      });
    }
  }
});
