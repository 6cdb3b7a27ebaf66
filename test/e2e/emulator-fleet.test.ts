/** `hookctl emulator --fleet N --seed S` as users run it: the banner, the state endpoint, strict mode. */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { BIN, baseEnv, emptyDir, runBin } from '../helpers/cli.js';

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGINT');
  child = undefined;
});

function start(args: string[]): Promise<{ env: Record<string, string>; stderr: () => string }> {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', ...args], { env: baseEnv(), cwd: emptyDir() });
    let out = '';
    let err = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('SERVICESTAGE_REPO_AUTH=')) {
        const env = Object.fromEntries([...out.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1] as string, m[2] as string]));
        resolve({ env, stderr: () => err });
      }
    });
    child.on('exit', (code) => reject(new Error(`emulator exited ${code}: ${err}`)));
  });
}

it('serves a seeded fleet: a one-line summary, the plan at /_emulator/state, unknown repositories not found', async () => {
  const { env, stderr } = await start(['--fleet', '3', '--seed', '2']);
  expect(stderr()).toMatch(
    /^fleet: 3 Codeup repositories, 5 CodeArts groups \+ 3 repositories, 3 ServiceStage projects; \d+ hooks, \d+ planted findings; strict mode/m,
  );
  const state = (await (await fetch(`${env.HOOKCTL_ENDPOINT}/_emulator/state`)).json()) as {
    fleet: { plantedFindings: unknown[] };
    codeup: Record<string, unknown[]>;
  };
  expect(state.fleet.plantedFindings.length).toBeGreaterThan(10);
  const listed = await runBin(['hooks', 'list', 'codeup:fleet-org/1001', '--json'], { env });
  expect(listed.code, listed.stderr).toBe(0);
  expect(JSON.parse(listed.stdout).length).toBe(state.codeup['fleet-org/1001']?.length);
  const missing = await runBin(['hooks', 'list', 'codeup:fleet-org/9999'], { env });
  expect(missing.code).not.toBe(0);
  expect(missing.stderr).toMatch(/not found/i);
});

it('refuses --fleet 0, both --fleet and --fleet-file, and a missing file, with one line and exit 2', async () => {
  for (const args of [
    ['--fleet', '0'],
    ['--fleet', '2', '--fleet-file', 'f.yaml'],
    ['--fleet-file', 'absent.yaml'],
  ]) {
    const run = await runBin(['emulator', ...args]);
    expect(run.code, args.join(' ')).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^error: --fleet/);
  }
});
