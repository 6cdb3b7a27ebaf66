/**
 * The person at the terminal, for real: bin/hookctl.js in a pseudo-terminal (test/helpers/pty.ts),
 * answers typed key by key, the screen read back. Needs `npm run build`.
 */
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';
import { runInPty } from '../helpers/pty.js';

const emu = useEmulator();
const SECRET = 'pty-typed-secret-4242';
/** SGR colour and weight sequences (ESC[31m, ESC[1m, …); cursor movement is not colour. */
const COLOUR = /\x1b\[(?:[0-9;]*;)?(?:1|2|3[0-9]|9[0-7])m/;

describe('hookctl create with no arguments on a terminal', () => {
  it('asks target, URL, events, name and a hidden secret twice, then creates the CodeArts hook; no colour with NO_COLOR', async () => {
    const pty = runInPty(['create'], { env: { ...emu.env, NO_COLOR: '1' } });
    await pty.waitFor('Target (codeup:<organizationId>/<projectId>, codearts:<groupId>');
    pty.type('codearts:\r');
    // Validated as typed: the form is refused in place, and the prompt stays.
    await pty.waitFor('target "codearts:"');
    for (let i = 0; i < 'codearts:'.length; i++) pty.type('\x7f');
    pty.type('codearts:61\r');
    await pty.waitFor('Delivery URL');
    pty.type('https://ci.example.com/pty\r');
    await pty.waitFor('Events (CodeArts Repo');
    // push is checked already; down twice to merge_request, toggle it, accept.
    pty.type('\x1b[B');
    pty.type('\x1b[B');
    pty.type(' ');
    pty.type('\r');
    await pty.waitFor('Name (required by CodeArts Repo)');
    pty.type('pty-hook\r');
    await pty.waitFor('Secret (hidden; empty for none)');
    pty.type(`${SECRET}\r`);
    await pty.waitFor('Secret again');
    pty.type('not-the-same\r');
    await pty.waitFor('the two entries differ; type the secret again');
    await pty.waitFor(/type the secret again[\s\S]*Secret \(hidden; empty for none\)/);
    pty.type(`${SECRET}\r`);
    await pty.waitFor(/type the secret again[\s\S]*Secret again/);
    pty.type(`${SECRET}\r`);
    expect(await pty.exited).toBe(0);
    expect(pty.screen).toContain('created hook');
    expect(pty.screen).not.toContain(SECRET);
    expect(pty.screen).not.toContain('not-the-same');
    expect(pty.screen).not.toMatch(COLOUR);
    const listed = await runBin(['hooks', 'list', 'codearts:61', '--json'], { env: emu.env });
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ url: 'https://ci.example.com/pty', name: 'pty-hook', events: ['push', 'merge_request'], secret: '******' }),
    ]);
    const [stored] = emu.emulator.store.codearts.list('61');
    expect(stored?.token).toBe(SECRET);
  });

  it('the same prompts are coloured without NO_COLOR', async () => {
    const pty = runInPty(['create'], { env: emu.env, color: true });
    await pty.waitFor('Target');
    expect(pty.screen).toMatch(COLOUR);
    pty.type('\x03');
    expect(await pty.exited).toBe(130);
  });

  it('Ctrl-C at a prompt: exit 130, one line, nothing created', async () => {
    const pty = runInPty(['create', 'codearts:62'], { env: { ...emu.env, NO_COLOR: '1' } });
    await pty.waitFor('Delivery URL');
    pty.type('https://ci.exa');
    pty.type('\x03');
    expect(await pty.exited).toBe(130);
    expect(pty.screen).toContain('error: interrupted at a prompt: nothing was changed');
    expect(JSON.parse((await runBin(['hooks', 'list', 'codearts:62', '--json'], { env: emu.env })).stdout)).toEqual([]);
  });

  it('with CI=true on the same terminal: exit 2 at once, naming every missing field in one line', async () => {
    const started = Date.now();
    const pty = runInPty(['create'], { env: { ...emu.env, NO_COLOR: '1', CI: 'true' } });
    expect(await pty.exited).toBe(2);
    expect(pty.screen).toContain('error: missing target (the <target> argument), url (--url): all are required');
    expect(pty.screen).not.toContain('?');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('with stdin piped: exit 2 naming every missing field in one line, never waiting for input', async () => {
    const out = await runBin(['create', 'codearts:63'], { env: emu.env, timeoutMs: 30_000 });
    expect(out.code).toBe(2);
    expect(out.stderr.split('\n')[0]).toBe('error: missing url (--url), name (--name, by CodeArts Repo): all are required');
    expect(out.stdout).toBe('');
  });
});

describe('delete on a terminal', () => {
  it('asks naming the URL and name; "n" is exit 2 and the hook stays', async () => {
    const created = await runBin(['create', 'codearts:64', '--url', 'https://ci.example.com/keep', '--name', 'keeper', '--json'], { env: emu.env });
    const { id } = JSON.parse(created.stdout);
    const pty = runInPty(['delete', 'codearts:64', id], { env: { ...emu.env, NO_COLOR: '1' } });
    await pty.waitFor(`Delete hook ${id} "keeper" → https://ci.example.com/keep on codearts:64?`);
    pty.type('n\r');
    expect(await pty.exited).toBe(2);
    expect(pty.screen).toContain('not deleted');
    expect(JSON.parse((await runBin(['hooks', 'list', 'codearts:64', '--json'], { env: emu.env })).stdout)).toHaveLength(1);
  });
});
