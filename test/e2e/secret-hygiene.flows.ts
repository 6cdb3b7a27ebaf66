/**
 * What the secret hygiene test runs: a runner that checks every run for leaks as it goes, and the
 * command sequences (all succeeding, all failing, bad input), plus the check of files written.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { emptyDir, type RunResult, runMain } from '../helpers/cli.js';
import { type Env, leakIn, type Mode, type Route, TARGETS } from './secret-hygiene.routes.js';

export interface Runner {
  /** Runs hookctl and checks its output for leaks at once; returns the result for further checks. */
  run(argv: string[], mode: Mode, debug: boolean, extra?: { env?: Env }): Promise<RunResult>;
  home: string;
  secrets: string[];
  runs: number;
}

export function runnerFor(route: Route, secret: string, hookSecret: string, endpoint: () => string): Runner {
  const home = emptyDir();
  for (const [path, text] of Object.entries(route.files?.(secret) ?? {})) {
    mkdirSync(join(home, path, '..'), { recursive: true });
    writeFileSync(join(home, path), text, { mode: 0o644 });
  }
  const runner: Runner = {
    home,
    secrets: [secret, hookSecret],
    runs: 0,
    async run(argv, mode, debug, extra = {}) {
      const full = [...argv, ...mode.args, ...(debug ? ['--debug'] : [])];
      const env = { HOOK_SECRET: hookSecret, NO_COLOR: '1', ...route.env(secret, endpoint()), ...extra.env };
      // stdin is a pipe even when the output is a terminal: `printf %s "$S" | hookctl … --secret-stdin`.
      const stdin = { isTTY: false, readAll: async () => `${hookSecret}\n` };
      const result = await runMain(full, { cwd: home, env, tty: mode.tty, deps: { stdin, sleep: async () => {} } });
      runner.runs++;
      const leak = leakIn(result.stdout + result.stderr, runner.secrets);
      if (leak)
        throw new Error(
          `${route.name}: hookctl ${full.join(' ')} (tty ${mode.tty}) leaked ${leak}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
        );
      return result;
    },
  };
  return runner;
}

function specArgs(route: Route, url: string): string[] {
  const name = route.provider === 'codearts' ? ['--name', 'ci'] : [];
  return ['--url', url, ...name, ...(route.stdin ? ['--secret-stdin'] : ['--secret-env', 'HOOK_SECRET'])];
}

export const providerFlags = (route: Route) => (route.provider === 'oapi' ? ['--codeup-mode', 'oapi'] : []);

/** The id of the first hook on the target, through a run that is checked like any other. */
export async function firstId(runner: Runner, route: Route, debug: boolean): Promise<string> {
  const out = await runner.run(['hooks', 'list', TARGETS[route.provider], ...providerFlags(route)], { args: ['-o', 'json'], tty: false }, debug);
  expect(out.code, out.stderr).toBe(0);
  const hooks = JSON.parse(out.stdout) as { id: string }[];
  return hooks[0]?.id ?? '10001';
}

/** Every command, all succeeding: proves the planted credential was really used. */
export async function successFlow(runner: Runner, route: Route, mode: Mode, debug: boolean): Promise<void> {
  const t = TARGETS[route.provider];
  const p = providerFlags(route);
  const ok = async (argv: string[]) => {
    const out = await runner.run([...argv, ...p], mode, debug);
    expect(out.code, `${argv.join(' ')}: ${out.stderr}`).toBe(0);
  };
  await ok(['config', 'show']);
  await ok(['auth', 'status']);
  await ok(['hooks', 'create', t, ...specArgs(route, 'https://ci.example.com/a'), '--dry-run']);
  await ok(['hooks', 'create', t, ...specArgs(route, 'https://ci.example.com/a')]);
  await ok(['hooks', 'create', t, ...specArgs(route, 'https://ci.example.com/a'), '--if-not-exists']);
  await ok(['hooks', 'list', t]);
  await ok(['auth', 'status', '--check', '--target', t]);
  const id = await firstId(runner, route, debug);
  await ok(['hooks', 'get', t, id]);
  await ok(['hooks', 'update', t, id, ...specArgs(route, 'https://ci.example.com/b'), '--dry-run']);
  await ok(['hooks', 'update', t, id, ...specArgs(route, 'https://ci.example.com/b')]);
  const updated = await firstId(runner, route, debug);
  await ok(['hooks', 'delete', t, updated, '--dry-run']);
  await ok(['hooks', 'delete', t, updated, '--yes']);
}

/** Every command that sends something, each failing; the exit code says how. */
export async function failingFlow(runner: Runner, route: Route, mode: Mode, debug: boolean, codes: readonly number[]): Promise<void> {
  const t = TARGETS[route.provider];
  const p = providerFlags(route);
  for (const argv of [
    ['hooks', 'create', t, ...specArgs(route, 'https://ci.example.com/a')],
    ['hooks', 'list', t, 'codearts:8'],
    ['hooks', 'get', t, '10001'],
    ['hooks', 'update', t, '10001', ...specArgs(route, 'https://ci.example.com/b')],
    ['hooks', 'delete', t, '10001', '--yes'],
    ['auth', 'status', '--check', '--target', t],
  ]) {
    const out = await runner.run([...argv, ...p], mode, debug);
    expect(codes, `${argv.join(' ')} exited ${out.code}: ${out.stderr}`).toContain(out.code);
  }
}

/** Bad input: refused before anything is sent (exit 2), with the secrets already read. */
export async function badInputFlow(runner: Runner, route: Route, mode: Mode, debug: boolean): Promise<void> {
  const t = TARGETS[route.provider];
  const p = providerFlags(route);
  for (const argv of [
    ['hooks', 'create', t, ...specArgs(route, 'not a url')],
    ['hooks', 'update', t, '10001', ...specArgs(route, 'https://ci.example.com/b'), '--events', 'push,bogus'],
    ['hooks', 'create', t, ...specArgs(route, 'https://ci.example.com/a'), '--frobnicate'],
    ['hooks', 'list', t, '--profile', 'no-such-profile'],
  ]) {
    const out = await runner.run([...argv, ...p], mode, debug);
    expect(out.code, `${argv.join(' ')}: ${out.stderr}`).toBe(2);
  }
}

/** Files hookctl wrote below home: only the token cache, owner-only, and never holding a planted secret. */
export function checkWrittenFiles(runner: Runner, route: Route): void {
  const planted = new Set(Object.keys(route.files?.(runner.secrets[0] as string) ?? {}).map((p) => join(runner.home, p)));
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  for (const file of walk(runner.home).filter((f) => !planted.has(f))) {
    expect(file.startsWith(join(runner.home, '.cache', 'hookctl', 'iam-token-')), `hookctl wrote ${file}`).toBe(true);
    expect(statSync(file).mode & 0o777, file).toBe(0o600);
    expect(statSync(join(runner.home, '.cache', 'hookctl')).mode & 0o777).toBe(0o700);
    expect(leakIn(readFileSync(file, 'utf8'), runner.secrets), file).toBeUndefined();
  }
}
