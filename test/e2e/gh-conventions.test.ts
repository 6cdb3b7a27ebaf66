/** gh habits against the real bin over the emulator: --json FIELDS, --jq, help PATH, version, did-you-mean. */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../../src/emulator/credentials.js';
import { runBin } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();
let env: Record<string, string>;
const hookctl = (args: string[]) => runBin(args, { env });

beforeAll(() => {
  env = emulatorEnv(emu.url);
});

// The emulator's store is emptied before each test.
beforeEach(async () => {
  for (const n of [1, 2]) expect((await hookctl(['hooks', 'create', 'codearts:77', '--url', `https://ci.example.com/${n}`, '--name', `h${n}`])).code).toBe(0);
});

describe('--json FIELDS and --jq', () => {
  it('hooks list --json id,url prints exactly those fields', async () => {
    const out = await hookctl(['hooks', 'list', 'codearts:77', '--json', 'id,url']);
    expect(out.code).toBe(0);
    const rows = JSON.parse(out.stdout) as Record<string, unknown>[];
    expect(rows.map((row) => Object.keys(row))).toEqual([
      ['id', 'url'],
      ['id', 'url'],
    ]);
    expect(rows.map((row) => row.url)).toEqual(['https://ci.example.com/1', 'https://ci.example.com/2']);
  });

  it('--json before a target still takes the target, as before', async () => {
    const out = await hookctl(['hooks', 'list', '--json', 'codearts:77']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)[0]).toMatchObject({ target: 'codearts:77', id: expect.any(String), events: expect.any(Array) });
  });

  it('--json=url on get', async () => {
    const out = await hookctl(['hooks', 'get', 'codearts:77', '20001', '--json=url,name']);
    expect(JSON.parse(out.stdout)).toEqual({ url: 'https://ci.example.com/1', name: 'h1' });
  });

  it('an unknown field is exit 2 listing the available ones', async () => {
    const out = await hookctl(['hooks', 'list', 'codearts:77', '--json', 'id,nmae']);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('--json: unknown field nmae; available: target, id, url, name,');
  });

  it('--json nope (one unknown name) is exit 2 listing the fields, not taken as a target', async () => {
    const out = await hookctl(['hooks', 'list', 'codearts:77', '--json', 'nope']);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(JSON.parse(out.stderr).error.message).toBe(
      '--json: unknown field nope; available: target, id, url, name, description, events, branchFilter, noteFilters, secret, sslVerify, createdAt',
    );
  });

  it("--jq '.[].url' prints the URLs", async () => {
    const out = await hookctl(['hooks', 'list', 'codearts:77', '--jq', '.[].url']);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('https://ci.example.com/1\nhttps://ci.example.com/2\n');
  });

  it('a bad jq expression is exit 2 in one line, before anything is sent', async () => {
    const out = await hookctl(['hooks', 'create', 'codearts:77', '--url', 'https://ci.example.com/never', '--jq', '.[']);
    expect(out.code).toBe(2);
    // --jq implies JSON, so the error is the JSON error object, on one line.
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(out.stderr).error.message).toMatch(/^--jq: syntax error/);
    expect((await hookctl(['hooks', 'list', 'codearts:77', '--json', 'url'])).stdout).not.toContain('never');
    expect((await hookctl(['hooks', 'list', 'codearts:77', '--jq', 'length'])).stdout).toBe('2\n');
  });

  it('a command whose JSON is not printed data refuses --jq', async () => {
    const out = await hookctl(['schema', '--jq', '.']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--jq: hookctl schema does not support it');
  });
});

describe('help, version, did-you-mean', () => {
  it('help hooks list prints the help of hooks list', async () => {
    const out = await hookctl(['help', 'hooks', 'list']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Usage: hookctl hooks list /);
  });

  it('help environment lists the variables', async () => {
    const out = await hookctl(['help', 'environment']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('HOOKCTL_ENDPOINT');
    expect(out.stdout).toContain('SERVICESTAGE_REPO_AUTH');
  });

  it('help of an unknown command is exit 2 with a suggestion', async () => {
    const out = await hookctl(['help', 'hoks']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("unknown command 'hoks' (did you mean hooks?)");
  });

  it('version prints what --version prints', async () => {
    const [a, b] = await Promise.all([hookctl(['version']), hookctl(['--version'])]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it.each([
    [['hooks', 'view', 'codearts:77', '1'], "unknown command 'hooks view' (did you mean hooks get?)"],
    [['hooks', 'lsit'], "unknown command 'hooks lsit' (did you mean hooks list?)"],
    [['crate'], "unknown command 'crate' (did you mean hooks create?)"],
    [['config', 'sett', 'timeout', '1'], "unknown command 'config sett' (did you mean config set?)"],
  ])('%j suggests within its group', async (argv, message) => {
    const out = await hookctl(argv);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(message);
  });

  it('an unknown verb in a group does not point into another group', async () => {
    const out = await hookctl(['auth', 'set']);
    expect(out.code).toBe(2);
    expect(out.stderr).not.toContain('hooks get');
  });
});
