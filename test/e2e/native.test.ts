/**
 * hookctl as a native command (issue 12): the short forms (`hookctl create` = `hookctl hooks
 * create`), the suggestion after a mistyped command, and shell completion loaded into a real bash.
 * All through the real bin/hookctl.js.
 */
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../../src/emulator/credentials.js';
import { BIN, runBin } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';
import { CHILD_TIMEOUT_MS } from '../helpers/timeouts.js';

const emu = useEmulator();
let env: Record<string, string>;
beforeAll(() => {
  env = emulatorEnv(emu.url);
});
const hookctl = (args: string[]) => runBin(args, { env: { ...env, S: 'native-test-secret' } });

describe('short forms: hookctl <verb> is hookctl hooks <verb>', () => {
  it('create, list, get, update and delete give the same output and exit code as their hooks form', async () => {
    // Each pair runs on the same state, so the outputs must be identical byte for byte.
    const same = async (args: string[]) => {
      // The emulator gives every answer a fresh request id; nothing else may differ.
      const norm = (r: { code: number; stdout: string; stderr: string }) => ({ ...r, stderr: r.stderr.replace(/request id [0-9a-f]+/g, 'request id …') });
      const short = await hookctl(args);
      const long = await hookctl(['hooks', ...args]);
      expect(norm(short)).toEqual(norm(long));
      return short;
    };
    // Failures first: they leave the state as it was.
    const missingUrl = await same(['create', 'codearts:77', '--name', 'ci']);
    expect(missingUrl.code).toBe(2);
    const badTarget = await same(['list', 'gitlab:1']);
    expect(badTarget.code).toBe(2);
    const absent = await same(['get', 'codearts:77', '424242', '-o', 'json']);
    expect(absent.code).toBe(3);
    expect((await same(['update', 'codearts:77', '424242', '--url', 'https://ci.example.com/x'])).code).toBe(3);
    expect((await same(['delete', 'codearts:77', '424242', '--yes'])).code).toBe(3);
    // Successes: the short form creates, both forms read the same hook.
    const created = await hookctl(['create', 'codearts:77', '--url', 'https://ci.example.com/h', '--name', 'ci', '--secret-env', 'S', '-o', 'json']);
    expect(created.code, created.stderr).toBe(0);
    const id = String((JSON.parse(created.stdout) as { id: string | number }).id);
    expect((await same(['list', 'codearts:77', '-o', 'json'])).stdout).toContain('https://ci.example.com/h');
    expect((await same(['get', 'codearts:77', id])).code).toBe(0);
    expect((await same(['update', 'codearts:77', id, '--name', 'renamed', '-o', 'json'])).code).toBe(0);
    // Deleting changes the state: each form deletes its own hook, and the answers differ by the id only.
    const second = await hookctl(['create', 'codearts:77', '--url', 'https://ci.example.com/h2', '--name', 'ci2', '-o', 'json']);
    const id2 = String((JSON.parse(second.stdout) as { id: string | number }).id);
    const shortDelete = await hookctl(['delete', 'codearts:77', id, '--yes']);
    const longDelete = await hookctl(['hooks', 'delete', 'codearts:77', id2, '--yes']);
    expect(shortDelete).toEqual({ code: 0, stdout: '', stderr: `deleted hook ${id} on codearts:77\n` });
    expect(longDelete).toEqual({ code: 0, stdout: '', stderr: `deleted hook ${id2} on codearts:77\n` });
  });

  it('top-level help lists the short forms', async () => {
    const help = await hookctl(['--help']);
    expect(help.code).toBe(0);
    for (const verb of ['create', 'list', 'get', 'update', 'delete']) expect(help.stdout.replace(/\s+/g, ' ')).toContain(`(short for: hooks ${verb})`);
  });
});

describe('an unknown command', () => {
  it('suggests the nearest command by its full path, exit 2', async () => {
    const top = await hookctl(['crate', 'codearts:77']);
    expect(top).toMatchObject({ code: 2, stdout: '' });
    expect(top.stderr).toBe("error: unknown command 'crate' (did you mean hooks create?)\nhint: run with --help for usage\n");
    const nested = await hookctl(['hooks', 'lsit', 'codearts:77']);
    expect(nested.code).toBe(2);
    expect(nested.stderr).toContain("unknown command 'hooks lsit' (did you mean hooks list?)");
    const json = await hookctl(['hokos', '-o', 'json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stderr)).toEqual({
      error: { code: 'usage', message: "unknown command 'hokos' (did you mean hooks?)", hint: 'run with --help for usage' },
    });
  });

  it('suggests nothing when no command is near', async () => {
    const far = await hookctl(['zzzzzz']);
    expect(far.code).toBe(2);
    expect(far.stderr).toBe("error: unknown command 'zzzzzz'\nhint: run with --help for usage\n");
  });
});

/** Runs a bash script; the completion script comes from the real bin. */
function bash(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--norc', '--noprofile', '-c', script], { env: { PATH: process.env.PATH, HOOKCTL: `${process.execPath} ${BIN}` } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill(), CHILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('hookctl completion', () => {
  it('bash: the script loads, registers hookctl and completes verbs, flags, flag values and targets', async () => {
    // `complete_with WORDS…`: what Tab offers for the last word, as bash would ask _hookctl.
    const result = await bash(`
      source <($HOOKCTL completion bash) || exit 9
      complete -p hookctl
      complete_with() { COMP_WORDS=("$@"); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); COMPREPLY=(); _hookctl; echo "\${COMPREPLY[*]}"; }
      complete_with hookctl cr
      complete_with hookctl hooks ''
      complete_with hookctl create --ur
      complete_with hookctl list -o ''
      complete_with hookctl hooks create codearts:1 --events push,ta
      complete_with hookctl get codea
      complete_with hookctl --json de
      complete_with hookctl completion ''
    `);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual([
      'complete -o default -F _hookctl hookctl',
      'create',
      'create list get update delete test deliveries',
      '--url',
      'table json yaml csv sarif',
      'push,tag_push',
      'codearts:',
      'demo delete deliveries',
      'bash zsh fish',
      '',
    ]);
  });

  it('zsh and fish: scripts for every command; an unknown shell is a usage error', async () => {
    const zsh = await hookctl(['completion', 'zsh']);
    expect(zsh.code).toBe(0);
    expect(zsh.stdout).toMatch(/^#compdef hookctl\nautoload -U \+X bashcompinit && bashcompinit\n/);
    expect(zsh.stdout).toContain('complete -o default -F _hookctl hookctl');
    const fish = await hookctl(['completion', 'fish']);
    expect(fish.code).toBe(0);
    expect(fish.stdout).toContain("complete -c hookctl -f -n '__hookctl_at \\'hooks\\'' -a 'create' -d 'create a hook'");
    expect(fish.stdout).toContain("complete -c hookctl -f -n '__hookctl_at \\'create\\'' -a 'codeup: codearts: servicestage:'");
    expect(fish.stdout).toContain("complete -c hookctl -s o -l output -x -a 'table json yaml csv sarif'");
    const tcsh = await hookctl(['completion', 'tcsh']);
    expect(tcsh.code).toBe(2);
    expect(tcsh.stderr).toContain('Allowed choices are bash, zsh, fish');
  });
});
