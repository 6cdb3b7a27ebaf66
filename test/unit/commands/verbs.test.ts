/**
 * gh-style tables for the hooks verbs, on an in-memory provider (test/helpers/fake-provider.ts):
 * argv → the exact usage error (parse), and argv → stdout, stderr and exit code (run), on a
 * terminal and piped. No HTTP and no emulator: what only those prove lives in test/e2e.
 */
import { describe, expect, it } from 'vitest';
import type { Hook } from '../../../src/model/hook.js';
import { runMain } from '../../helpers/cli.js';
import { type FakeProvider, fakeProvider } from '../../helpers/fake-provider.js';

const HOOK: Hook = { id: '7', url: 'https://ci.example.com/h', events: ['push'], branchFilter: '^main$', noteFilters: ['deploy'], sslVerify: false };

function setup(hooks: Hook[] = [HOOK]) {
  const provider = fakeProvider('codearts', { hooks: { 'codearts:77': hooks } });
  const run = (argv: string[], options: { tty?: boolean; env?: Record<string, string> } = {}) =>
    runMain(argv, { ...options, deps: { provider: () => provider } });
  return { provider, run };
}

const lastHook = (provider: FakeProvider) => provider.hooksOf('codearts:77').at(-1);

describe('parse: argv → the exact usage error (exit 2), nothing sent', () => {
  it.each([
    [['hooks', 'list', 'codearts:77', '--concurrency', '0'], '--concurrency: must be a whole number from 1 to 64 (got "0")'],
    [['hooks', 'list', 'codearts:77', '--timeout', '0'], '--timeout: must be a whole number of milliseconds from 1 to 600000 (got "0")'],
    [['-o', 'xml', 'hooks', 'get', 'codearts:77', '7'], '--output: must be one of table, json, yaml, csv, sarif (got "xml")'],
    [['hooks', 'get', 'codearts:77', '--codeup-mode', 'v4', '7'], '--codeup-mode: must be one of v3, oapi (got "v4")'],
    [['hooks', 'get', 'codearts:77', 'a/b'], 'id: "a/b" is not a hook id (letters, digits, - and _ only)'],
    [['hooks', 'create', 'codearts:77'], 'url (--url): is required'],
    [['hooks', 'update', 'codearts:77', '7'], 'update: nothing to change'],
    [
      ['hooks', 'update', 'codearts:77', '7', '--branch-filter', 'x', '--clear-branch-filter'],
      'branchFilter: use either --branch-filter or --clear-branch-filter, not both',
    ],
    [
      ['hooks', 'update', 'codearts:77', '7', '--note-filter', 'x', '--clear-note-filters'],
      'noteFilters: use either --note-filter or --clear-note-filters, not both',
    ],
    [['hooks', 'delete', 'codearts:77', '7'], 'delete: refusing to delete hook 7 on codearts:77 without confirmation'],
  ])('%j', async (argv, message) => {
    const { provider, run } = setup();
    const out = await run(argv);
    expect(out.code).toBe(2);
    expect(out.stderr.split('\n')[0]).toBe(`error: ${message}`);
    expect(out.stdout).toBe('');
    expect(provider.writes).toEqual([]);
  });
});

describe('create', () => {
  it('piped: the new hook as key<TAB>value lines, no progress line; on a terminal a ✓ line', async () => {
    const { run } = setup([]);
    const piped = await run(['hooks', 'create', 'codearts:77', '--url', 'https://ci.example.com/new']);
    expect(piped).toMatchObject({ code: 0, stderr: '' });
    expect(piped.stdout).toContain('url\thttps://ci.example.com/new');
    const tty = await run(['hooks', 'create', 'codearts:77', '--url', 'https://ci.example.com/new2'], { tty: true, env: { NO_COLOR: '1' } });
    expect(tty.stderr).toMatch(/^✓ created hook \d+ on codearts:77$/m);
  });

  it('--if-not-exists finds the hook by normalized URL, says how it differs, and -o json says created: false', async () => {
    const { provider, run } = setup();
    const out = await run([
      'hooks',
      'create',
      'codearts:77',
      '--url',
      'HTTPS://CI.EXAMPLE.COM:443/h',
      '--events',
      'push,note',
      '--if-not-exists',
      '-o',
      'json',
    ]);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ id: '7', created: false });
    expect(out.stderr).toContain('hook 7 on codearts:77 already delivers to https://ci.example.com/h: nothing to do');
    expect(out.stderr).toContain(
      'note: hook 7 differs from the one asked for: events push (asked note,push); branch filter "^main$" (asked none); note filters deploy (asked (none)); SSL verification off (asked on)',
    );
    expect(provider.writes).toEqual([]);
  });

  it('--if-not-exists -o json on a new URL creates it and says created: true', async () => {
    const { provider, run } = setup();
    const out = await run(['hooks', 'create', 'codearts:77', '--url', 'https://ci.example.com/other', '--if-not-exists', '-o', 'json']);
    expect(JSON.parse(out.stdout)).toMatchObject({ url: 'https://ci.example.com/other', created: true });
    expect(provider.writes).toEqual(['create codearts:77 https://ci.example.com/other']);
  });

  it('--dry-run --if-not-exists on an existing hook previews nothing', async () => {
    const { provider, run } = setup();
    const out = await run(['hooks', 'create', 'codearts:77', '--url', 'https://ci.example.com/h', '--if-not-exists', '--dry-run']);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('already delivers to https://ci.example.com/h: exists: nothing would be sent');
    expect(out.stdout).not.toContain('POST');
    expect(provider.writes).toEqual([]);
  });
});

describe('list and get', () => {
  it('list -o json prints every hook of every target', async () => {
    const { run } = setup();
    const out = await run(['hooks', 'list', 'codearts:77', 'codearts:78', '-o', 'json']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual([expect.objectContaining({ target: 'codearts:77', id: '7' })]);
  });

  it('get of a hook that does not exist: exit 3, one line', async () => {
    const { run } = setup();
    const out = await run(['hooks', 'get', 'codearts:77', '99']);
    expect(out).toMatchObject({ code: 3, stdout: '', stderr: 'error: Fake codearts: no hook 99 on codearts:77\n' });
  });
});

describe('update', () => {
  it('--ssl-verify turns verification back on; flags not given keep their value', async () => {
    const { provider, run } = setup();
    const out = await run(['hooks', 'update', 'codearts:77', '7', '--ssl-verify']);
    expect(out.code).toBe(0);
    expect(lastHook(provider)).toMatchObject({ sslVerify: true, branchFilter: '^main$', noteFilters: ['deploy'] });
  });

  it('--no-ssl-verify turns it off', async () => {
    const { provider, run } = setup([{ ...HOOK, sslVerify: true }]);
    await run(['hooks', 'update', 'codearts:77', '7', '--no-ssl-verify']);
    expect(lastHook(provider)?.sslVerify).toBe(false);
  });

  it('--clear-branch-filter and --clear-note-filters remove the filters', async () => {
    const { provider, run } = setup();
    const out = await run(['hooks', 'update', 'codearts:77', '7', '--clear-branch-filter', '--clear-note-filters', '-o', 'json']);
    expect(out.code).toBe(0);
    const printed = JSON.parse(out.stdout);
    expect(printed.branchFilter).toBeUndefined();
    expect(printed.noteFilters).toBeUndefined();
    expect(lastHook(provider)?.branchFilter).toBeUndefined();
  });
});

describe('delete', () => {
  it('-o json says what was deleted', async () => {
    const { provider, run } = setup();
    const out = await run(['hooks', 'delete', 'codearts:77', '7', '--yes', '-o', 'json']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({ target: 'codearts:77', id: '7', deleted: true });
    expect(provider.writes).toEqual(['delete codearts:77 7']);
  });

  it('a hook already gone: exit 3, or exit 0 with --if-exists (deleted: false)', async () => {
    const { run } = setup();
    expect((await run(['hooks', 'delete', 'codearts:77', '99', '--yes'])).code).toBe(3);
    const out = await run(['hooks', 'delete', 'codearts:77', '99', '--yes', '--if-exists', '-o', 'json']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({ target: 'codearts:77', id: '99', deleted: false });
    expect(out.stderr).toBe('hook 99 on codearts:77 does not exist: nothing to do\n');
  });

  it('--dry-run of a hook that does not exist: exit 3 and no preview', async () => {
    const { run } = setup();
    const out = await run(['hooks', 'delete', 'codearts:77', '99', '--dry-run']);
    expect(out.code).toBe(3);
    expect(out.stdout).toBe('');
  });

  it('on a terminal it asks naming the URL, and "n" deletes nothing (exit 2)', async () => {
    const { provider } = setup();
    const out = await runMain(['hooks', 'delete', 'codearts:77', '7'], {
      tty: true,
      answers: ['n'],
      env: { NO_COLOR: '1' },
      deps: { provider: () => provider },
    });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('? Delete hook 7 → https://ci.example.com/h on codearts:77? [y/N] n\n');
    expect(out.stderr).toContain('error: delete: not confirmed; hook 7 on codearts:77 was not deleted');
    expect(out.stdout).toBe('');
    expect(provider.writes).toEqual([]);
  });
});
