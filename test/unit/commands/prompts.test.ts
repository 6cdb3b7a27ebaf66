/** Questions only where a person is: create asks for what is missing; everywhere else one line names it all. */
import { beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv } from '../../../src/emulator/credentials.js';
import { InterruptedError } from '../../../src/errors.js';
import type { Prompter } from '../../../src/runtime/deps.js';
import { type RunOptions, runMain } from '../../helpers/cli.js';
import { useEmulator } from '../../helpers/emulator.js';

const emu = useEmulator();
let env: Record<string, string>;

beforeAll(() => {
  env = { ...emulatorEnv(emu.url), NO_COLOR: '1' };
});

const SECRET = 'typed-hidden-secret-7';

/** A prompter that fails the test if anything is asked. */
const noQuestions: Prompter = {
  text: async (q) => expect.unreachable(`asked "${q.message}"`),
  secret: async (q) => expect.unreachable(`asked "${q.message}"`),
  choose: async (q) => expect.unreachable(`asked "${q.message}"`),
  confirm: async (q) => expect.unreachable(`asked "${q.message}"`),
};

const run = (argv: string[], options: RunOptions = {}) => runMain(argv, { ...options, env: { ...env, ...options.env } });

describe('hooks create on a terminal asks for what is missing', () => {
  it('with no arguments: target, URL, events, the name CodeArts requires, the secret twice; then creates it', async () => {
    const out = await run(['hooks', 'create', '--json'], {
      tty: true,
      answers: ['codearts:41', 'https://ci.example.com/asked', 'push,merge_request', 'asked-name', SECRET, SECRET],
    });
    expect(out.stderr).toMatch(/^\? Target \(codeup:<organizationId>\/<projectId>, codearts:<groupId>.*, servicestage:.*\) codearts:41\n/);
    expect(out.stderr).toContain('? Events (CodeArts Repo; space to toggle, enter to accept) (push, tag_push, merge_request, note) push,merge_request');
    expect(out.stderr).toContain('? Name (required by CodeArts Repo) asked-name');
    expect(out.stderr).toContain('? Secret (hidden; empty for none) [hidden]');
    expect(out.stderr).toContain('? Secret again [hidden]');
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({
      target: 'codearts:41',
      url: 'https://ci.example.com/asked',
      name: 'asked-name',
      events: ['push', 'merge_request'],
    });
    expect(out.stdout + out.stderr).not.toContain(SECRET);
    const [listed] = JSON.parse((await run(['hooks', 'list', 'codearts:41', '--json'])).stdout);
    expect(listed.secret).toBe('******');
  });

  it('asks only for what is missing; an empty secret is none where the provider does not require one', async () => {
    const out = await run(['hooks', 'create', 'codearts:42', '--url', 'https://ci.example.com/x', '--events', 'note', '--json'], {
      tty: true,
      answers: ['only-name', ''],
    });
    expect(out.code).toBe(0);
    expect(out.stderr).not.toContain('? Target');
    expect(out.stderr).not.toContain('? Events');
    expect(out.stderr).not.toContain('Secret again');
    expect(JSON.parse(out.stdout)).toMatchObject({ url: 'https://ci.example.com/x', name: 'only-name', events: ['note'] });
    expect(JSON.parse(out.stdout).secret).toBeUndefined();
  });

  it('validates as typed: a malformed target, a URL that is not http(s), a repeated secret that differs', async () => {
    const asked: Record<string, (value: never) => string | true> = {};
    const capture: Prompter = {
      text: async (q) => {
        asked[q.message] = q.validate as never;
        if (q.message.startsWith('Target')) return 'codearts:43';
        if (q.message.startsWith('Delivery URL')) return 'https://ci.example.com/v';
        return 'n';
      },
      secret: async (q) => {
        asked[q.message] = q.validate as never;
        return SECRET;
      },
      choose: async (q) => {
        asked[q.message] = q.validate as never;
        return ['push'];
      },
      confirm: noQuestions.confirm,
    };
    expect((await run(['hooks', 'create'], { tty: true, deps: { prompts: capture } })).code).toBe(0);
    const check = (prefix: string, value: unknown) => Object.entries(asked).find(([m]) => m.startsWith(prefix))?.[1](value as never);
    expect(check('Target', 'codearts:')).toMatch(/^target "codearts:"/);
    expect(check('Target', 'gitlab:1')).toMatch(/gitlab/);
    expect(check('Target', 'codearts:43')).toBe(true);
    expect(check('Delivery URL', 'ftp://x.example.com')).toBe('url (--url): must be an absolute http(s) URL');
    expect(check('Events', [])).toBe('choose at least one event');
  });

  it('two hidden entries that differ are asked again from the first, at most 3 times', async () => {
    const again = await run(
      ['hooks', 'create', 'codearts:48', '--url', 'https://ci.example.com/s', '--name', 'n', '--events', 'push', '--secret-stdin', '--json'],
      {
        tty: true,
        answers: [SECRET, 'typo', SECRET, SECRET],
      },
    );
    expect(again.stderr).toContain('the two entries differ; type the secret again');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).secret).toBe('******');
    const gaveUp = await run(['hooks', 'create', 'codearts:49', '--url', 'https://ci.example.com/s', '--name', 'n', '--secret-stdin'], {
      tty: true,
      answers: ['a', 'b', 'a', 'b', 'a', 'b'],
    });
    expect(gaveUp.code).toBe(2);
    expect(gaveUp.stderr).toContain('error: secret: the two entries differed 3 times; no hook was created');
    expect(JSON.parse((await run(['hooks', 'list', 'codearts:49', '--json'])).stdout)).toEqual([]);
  });

  it('--secret-stdin on a terminal asks for the secret alone, hidden, twice', async () => {
    const out = await run(['hooks', 'create', 'servicestage:p/n/r', '--url', 'https://ci.example.com/ss', '--secret-stdin', '--json'], {
      tty: true,
      answers: [SECRET, SECRET],
    });
    expect(out.stderr).toContain('? Secret (hidden; required by ServiceStage) [hidden]');
    expect(out.stderr).not.toContain('? Events');
    expect(out.code).toBe(0);
    expect(out.stdout + out.stderr).not.toContain(SECRET);
  });

  it('Ctrl-C at a prompt: exit 130, nothing created', async () => {
    const interrupted: Prompter = {
      ...noQuestions,
      text: async () => {
        throw new InterruptedError('interrupted at a prompt: nothing was changed');
      },
    };
    const out = await run(['hooks', 'create', 'codearts:44'], { tty: true, deps: { prompts: interrupted } });
    expect(out.code).toBe(130);
    expect(out.stderr).toBe('error: interrupted at a prompt: nothing was changed\n');
    expect(JSON.parse((await run(['hooks', 'list', 'codearts:44', '--json'])).stdout)).toEqual([]);
  });
});

describe('no questions where no person is: one line names every missing field, exit 2', () => {
  const cases: [string, RunOptions][] = [
    ['piped (no terminal)', {}],
    ['CI=true on a terminal', { tty: true, env: { CI: 'true' } }],
    ['HOOKCTL_NO_INPUT=1 on a terminal', { tty: true, env: { HOOKCTL_NO_INPUT: '1' } }],
    ['--no-input on a terminal', { tty: true }],
    ['stdout piped', { tty: true, deps: { stdout: { write: () => true, isTTY: false } } }],
  ];
  it.each(cases)('%s', async (name, options) => {
    const argv = name.startsWith('--no-input') ? ['--no-input', 'hooks', 'create'] : ['hooks', 'create'];
    const out = await run(argv, { ...options, deps: { prompts: noQuestions, ...options.deps } });
    expect(out.code).toBe(2);
    expect(out.stderr.split('\n')[0]).toBe('error: missing target (the <target> argument), url (--url): all are required');
  });

  it('with the target given, the fields its provider requires are named too', async () => {
    const out = await run(['hooks', 'create', 'codearts:45'], { deps: { prompts: noQuestions } });
    expect(out.code).toBe(2);
    expect(out.stderr.split('\n')[0]).toBe('error: missing url (--url), name (--name, by CodeArts Repo): all are required');
  });

  it('one missing field keeps its one-line error', async () => {
    const out = await run(['hooks', 'create', 'servicestage:p/n/r', '--url', 'https://x.example.com'], { deps: { prompts: noQuestions } });
    expect(out.stderr.split('\n')[0]).toBe('error: secret (--secret-env/--secret-stdin) is required by ServiceStage');
  });

  it('CI=false still asks; HOOKCTL_NO_INPUT must be 1 or 0', async () => {
    const asks = await run(['hooks', 'create', 'codearts:46', '--url', 'https://x.example.com'], {
      tty: true,
      env: { CI: 'false' },
      answers: ['push', 'n', ''],
    });
    expect(asks.code).toBe(0);
    const bad = await run(['hooks', 'create', 'codearts:46'], { tty: true, env: { HOOKCTL_NO_INPUT: 'yes' }, deps: { prompts: noQuestions } });
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe('error: env HOOKCTL_NO_INPUT: must be 1 or 0 (got "yes")');
  });
});

describe('delete confirms naming the hook', () => {
  it('names URL and name; a no is exit 2 and the hook stays; --no-input refuses without --yes', async () => {
    const created = JSON.parse((await run(['hooks', 'create', 'codearts:47', '--url', 'https://d.example.com/h', '--name', 'doomed', '--json'])).stdout);
    const no = await run(['hooks', 'delete', 'codearts:47', created.id], { tty: true, answers: ['n'] });
    expect(no.stderr).toContain(`? Delete hook ${created.id} "doomed" → https://d.example.com/h on codearts:47? [y/N] n`);
    expect(no.code).toBe(2);
    expect(no.stdout).toBe('');
    const refused = await run(['--no-input', 'hooks', 'delete', 'codearts:47', created.id], { tty: true, deps: { prompts: noQuestions } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('without confirmation');
    expect(JSON.parse((await run(['hooks', 'list', 'codearts:47', '--json'])).stdout)).toHaveLength(1);
    expect((await run(['hooks', 'delete', 'codearts:47', created.id], { tty: true, answers: ['y'] })).code).toBe(0);
    expect(JSON.parse((await run(['hooks', 'list', 'codearts:47', '--json'])).stdout)).toHaveLength(0);
  });
});

describe('hooks update on a terminal offers the current values', () => {
  it('empty answers keep each value; what is changed is sent, and a new secret is typed hidden, twice', async () => {
    const created = JSON.parse((await run(['hooks', 'create', 'codearts:50', '--url', 'https://u.example.com/h', '--name', 'orig', '--json'])).stdout);
    const out = await run(['hooks', 'update', 'codearts:50', created.id, '--json'], {
      tty: true,
      answers: ['', 'push,note', '', 'now described', SECRET, SECRET],
    });
    expect(out.stderr).toContain('? Delivery URL ');
    expect(out.stderr).toContain('? Secret (hidden; empty for the current one) [hidden]');
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({
      id: created.id,
      url: 'https://u.example.com/h',
      name: 'orig',
      description: 'now described',
      events: ['push', 'note'],
      secret: '******',
    });
    expect(out.stdout + out.stderr).not.toContain(SECRET);
  });

  it('the current values offered as defaults; all kept is exit 0 with nothing sent', async () => {
    const created = JSON.parse(
      (await run(['hooks', 'create', 'codearts:51', '--url', 'https://u.example.com/k', '--name', 'same', '--events', 'note', '--json'])).stdout,
    );
    const offered: Record<string, unknown> = {};
    const keep: Prompter = {
      text: async (q) => {
        offered[q.message] = q.default;
        return q.default ?? '';
      },
      choose: async (q) => {
        offered[q.message] = q.choices.filter((c) => c.checked).map((c) => c.value);
        return q.choices.filter((c) => c.checked).map((c) => c.value);
      },
      secret: async () => '',
      confirm: noQuestions.confirm,
    };
    const before = emu.server.requests.length;
    const out = await run(['hooks', 'update', 'codearts:51', created.id], { tty: true, deps: { prompts: keep } });
    expect(out.code).toBe(0);
    expect(out.stderr).toContain(`nothing changed: hook ${created.id} was left as it was`);
    expect(offered).toMatchObject({
      'Delivery URL': 'https://u.example.com/k',
      'Name (required by CodeArts Repo)': 'same',
      'Events (CodeArts Repo; space to toggle, enter to accept)': ['note'],
    });
    expect(emu.server.requests.slice(before).map((r) => r.method)).toEqual(['GET']);
  });

  it('anywhere else an update naming no change stays exit 2, before any request', async () => {
    const before = emu.server.requests.length;
    const out = await run(['hooks', 'update', 'codearts:51', '7'], { tty: true, env: { CI: '1' }, deps: { prompts: noQuestions } });
    expect(out.code).toBe(2);
    expect(out.stderr.split('\n')[0]).toBe('error: update: nothing to change');
    expect(emu.server.requests.length).toBe(before);
  });
});
