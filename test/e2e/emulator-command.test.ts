/** `hookctl emulator` as users run it: a subprocess whose printed exports point hookctl at it. */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { BIN, baseEnv, emptyDir, runBin } from '../helpers/cli.js';

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGINT');
  child = undefined;
});

function startEmulatorProcess(args: string[] = []): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', ...args], { env: baseEnv(), cwd: emptyDir() });
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('SERVICESTAGE_REPO_AUTH=')) {
        const env = Object.fromEntries([...out.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1] as string, m[2] as string]));
        resolve(env);
      }
    });
    child.on('exit', (code) => reject(new Error(`emulator exited ${code}`)));
  });
}

it('prints the environment for scripts, serves all three providers, and stops cleanly on Ctrl-C', async () => {
  const env = await startEmulatorProcess();
  expect(env.HOOKCTL_ENDPOINT).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const creates: Record<string, string[]> = {
    'codeup:ORG/100': ['--events', 'push,tag_push'],
    'codearts:77': ['--name', 'ci'],
    'servicestage:PID/ns/repo': [],
  };
  const targets = Object.keys(creates);
  for (const [target, extra] of Object.entries(creates)) {
    const created = await runBin(['hooks', 'create', target, '--url', 'https://ci.example.com/h', '--secret-env', 'S', ...extra], {
      env: { ...env, S: 'sub-secret' },
    });
    expect(created.code, `${target}: ${created.stderr}`).toBe(0);
  }
  const listed = await runBin(['hooks', 'list', ...targets, '--json'], { env });
  expect(listed.code).toBe(0);
  expect(JSON.parse(listed.stdout).map((h: { target: string }) => h.target)).toEqual(targets);
  expect(listed.stdout).not.toContain('sub-secret');
  const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));
  child?.kill('SIGINT');
  expect(await exited).toBe(0);
});

it('Ctrl-C during a slow request exits 130', async () => {
  const env = await startEmulatorProcess(['--latency', '5000']);
  // --debug prints each request as it goes out: Ctrl-C once the first one is on its way (a fixed
  // delay could land before hookctl is up on a loaded machine).
  const run = spawn(process.execPath, [BIN, 'hooks', 'list', 'codearts:1', '--debug'], { env: baseEnv(env), cwd: emptyDir() });
  let stderr = '';
  run.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    if (/^\[debug\] > [A-Z]+ http/m.test(stderr) && !run.killed) run.kill('SIGINT');
  });
  const code = await new Promise<number | null>((resolve) => run.on('exit', (c) => resolve(c)));
  expect(code).toBe(130);
  expect(stderr).toContain('interrupted');
});
