/** Parse and run tables for the hooks verbs, in process (runMain), TTY and piped. */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../../../src/emulator/credentials.js';
import { runMain } from '../../helpers/cli.js';
import { useEmulator } from '../../helpers/emulator.js';

const emu = useEmulator();
let env: Record<string, string>;

beforeAll(() => {
  env = { ...emulatorEnv(emu.url), S: 'unit-secret-value' };
});

const run = (args: string[], options: { tty?: boolean; answers?: string[]; stdin?: string } = {}) => runMain(args, { env, ...options });

describe('hooks list output', () => {
  beforeEach(async () => {
    await run(['hooks', 'create', 'codearts:1', '--url', 'https://a.example.com/h', '--name', 'alpha', '--events', 'push,note']);
  });

  it('on a terminal: aligned table with a header, no target column for one target', async () => {
    const out = await runMain(['hooks', 'list', 'codearts:1'], { env: { ...env, NO_COLOR: '1' }, tty: true });
    expect(out.code).toBe(0);
    const [header, row] = out.stdout.trimEnd().split('\n');
    // SECRET (set/none) and CREATED (relative on a terminal) follow; TLS only where a provider has the setting.
    expect(header).toMatch(/^ID\s+URL\s+EVENTS\s+NAME\s+SECRET\s+CREATED$/);
    expect(row).toMatch(/^\d+\s+https:\/\/a\.example\.com\/h\s+push,note\s+alpha\s+none\s+just now$/);
  });

  it('piped: tab-separated, no header, target first, then ssl verify and whether a secret is set', async () => {
    const out = await run(['hooks', 'list', 'codearts:1']);
    expect(out.stdout).toMatch(/^codearts:1\t\d+\thttps:\/\/a\.example\.com\/h\tpush,note\talpha\t\tnone\n$/);
  });

  it('json and yaml print the normalized model in a stable key order', async () => {
    const json = JSON.parse((await run(['hooks', 'list', 'codearts:1', '-o', 'json'])).stdout);
    // note on without --note-filter gets the match-all filter CodeArts requires (codearts facts.ts).
    expect(Object.keys(json[0])).toEqual(['target', 'id', 'url', 'name', 'events', 'branchFilter', 'noteFilters', 'createdAt']);
    const yaml = (await run(['hooks', 'list', 'codearts:1', '--output', 'yaml'])).stdout;
    expect(yaml).toMatch(/^- target: codearts:1\n {2}id: "\d+"\n {2}url: https:\/\/a\.example\.com\/h\n/);
  });

  it('an empty list on a terminal says so on stderr; piped it prints nothing', async () => {
    expect(await run(['hooks', 'list', 'codearts:999'], { tty: true })).toMatchObject({ code: 0, stdout: '', stderr: 'no hooks\n' });
    expect(await run(['hooks', 'list', 'codearts:999'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('NO_COLOR keeps escape codes out of a terminal table', async () => {
    const coloured = await runMain(['hooks', 'list', 'codearts:1'], { env, tty: true });
    expect(coloured.stdout).toContain('\u001b[1m');
    const plain = await runMain(['hooks', 'list', 'codearts:1'], { env: { ...env, NO_COLOR: '1' }, tty: true });
    expect(plain.stdout).not.toContain('\u001b[');
    const flag = await runMain(['hooks', 'list', 'codearts:1', '--no-color'], { env, tty: true });
    expect(flag.stdout).not.toContain('\u001b[');
  });
});

describe('hooks delete confirmation', () => {
  it('asks on a terminal and deletes on yes, keeps on no', async () => {
    const created = JSON.parse((await run(['hooks', 'create', 'codearts:2', '--url', 'https://x.example.com', '--name', 'x', '--json'])).stdout);
    const kept = await run(['hooks', 'delete', 'codearts:2', created.id], { tty: true, answers: ['n'] });
    expect(kept.stderr).toContain(`Delete hook ${created.id} "x" → https://x.example.com on codearts:2? [y/N]`);
    expect(kept.stderr).toContain('not deleted');
    expect(kept.code).toBe(2);
    expect(JSON.parse((await run(['hooks', 'list', 'codearts:2', '--json'])).stdout)).toHaveLength(1);
    const gone = await run(['hooks', 'delete', 'codearts:2', created.id], { tty: true, answers: ['y'] });
    expect(gone.code).toBe(0);
    expect(JSON.parse((await run(['hooks', 'list', 'codearts:2', '--json'])).stdout)).toHaveLength(0);
  });

  it('refuses without --yes when not on a terminal (exit 2), and sends nothing', async () => {
    const out = await run(['hooks', 'delete', 'codearts:2', '5']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('pass --yes when not on a terminal');
  });
});

describe('secrets and update', () => {
  it.each([
    [['--secret-env', 'MISSING'], 'environment variable MISSING is not set'],
    [['--secret-env', 'S', '--secret-stdin'], 'use either --secret-env or --secret-stdin'],
  ])('create %o is a usage error', async (flags, message) => {
    const out = await run(['hooks', 'create', 'servicestage:p/n/r', '--url', 'https://x.example.com', ...flags]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(message);
  });

  it('--secret-stdin refuses a terminal where no question may be asked, and an empty pipe', async () => {
    const argv = ['hooks', 'create', 'servicestage:p/n/r', '--url', 'https://x.example.com', '--secret-stdin'];
    for (const refused of [await run([...argv, '--no-input'], { tty: true }), await runMain(argv, { env: { ...env, CI: 'true' }, tty: true })]) {
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('secret (--secret-stdin): standard input is a terminal; pipe the secret in');
    }
    expect((await run(['hooks', 'create', 'servicestage:p/n/r', '--url', 'https://x.example.com', '--secret-stdin'], { stdin: '' })).stderr).toContain(
      'standard input was empty',
    );
  });

  it('update with no flags is a usage error; flags not given keep their value', async () => {
    expect((await run(['hooks', 'update', 'codearts:3', '1'])).stderr).toContain('update: nothing to change');
    const created = JSON.parse(
      (await run(['hooks', 'create', 'codearts:3', '--url', 'https://x.example.com', '--name', 'keep-me', '--events', 'note', '--json'])).stdout,
    );
    const updated = JSON.parse((await run(['hooks', 'update', 'codearts:3', created.id, '--url', 'https://y.example.com', '--json'])).stdout);
    expect(updated).toMatchObject({ id: created.id, url: 'https://y.example.com', name: 'keep-me', events: ['note'] });
  });

  it('update on ServiceStage without a secret explains that one is required', async () => {
    const created = JSON.parse((await run(['hooks', 'create', 'servicestage:p/n/r', '--url', 'https://x.example.com', '--secret-env', 'S', '--json'])).stdout);
    const out = await run(['hooks', 'update', 'servicestage:p/n/r', created.id, '--url', 'https://y.example.com']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('secret (--secret-env/--secret-stdin) is required by ServiceStage');
    expect(JSON.parse((await run(['hooks', 'list', 'servicestage:p/n/r', '--json'])).stdout)[0].id).toBe(created.id);
  });

  it('a Codeup replace keeps the secret it read back', async () => {
    const created = JSON.parse((await run(['hooks', 'create', 'codeup:o/1', '--url', 'https://x.example.com', '--secret-env', 'S', '--json'])).stdout);
    await run(['hooks', 'update', 'codeup:o/1', created.id, '--events', 'push,note']);
    const state = emu.emulator.store.snapshot() as { codeup: unknown };
    expect(JSON.stringify(state.codeup)).toContain('unit-secret-value');
  });
});
