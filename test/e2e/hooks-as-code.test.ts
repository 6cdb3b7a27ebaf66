/**
 * Hooks as code (issue 10) end to end: the real bin against the emulator. plan, apply (file and
 * saved plan), --prune, convergence with zero writes, export | plan, rotate with a fault mid-run.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scopeKey } from '../../src/emulator/store.js';
import { runBin, runMain } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();
const SECRET = 'hac-secret-1f9e7';
const NEW_SECRET = 'hac-rotated-8b2c4';
const SS = 'servicestage:0123456789abcdef0123456789abcdef/ns/repo';
const SS_SCOPE = scopeKey.servicestage('0123456789abcdef0123456789abcdef', 'ns', 'repo');

const FILE = `version: 1
defaults:
  secret: \${env:HOOK_SECRET}
hooks:
  - target: codeup:ORG/100
    url: https://ci.example.com/codeup
    events: [push, tag_push]
  - target: codearts:77
    url: https://ci.example.com/codearts
    name: ci
    events: [push, note]
    branchFilter: ^main$
  - target: ${SS}
    url: https://ci.example.com/ss
`;

function dir(files: Record<string, string> = {}): string {
  const d = mkdtempSync(join(tmpdir(), 'hookctl-hac-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

const hookctl = (args: string[], cwd: string, extra: Record<string, string> = {}, stdin?: string) =>
  runBin(args, { env: { ...emu.env, HOOK_SECRET: SECRET, NEW: NEW_SECRET, ...extra }, cwd, stdin });

const writes = () => emu.server.requests.filter((r) => ['POST', 'PUT', 'DELETE', 'PATCH'].includes(r.method) && !r.url.includes('/_emulator/'));

const noSecrets = (out: { stdout: string; stderr: string }) => {
  for (const s of [SECRET, NEW_SECRET]) {
    expect(out.stdout).not.toContain(s);
    expect(out.stderr).not.toContain(s);
  }
};

describe('plan and apply', () => {
  it('plan on empty targets creates (exit 10); apply; plan again exits 0; a second apply sends zero writes', async () => {
    const cwd = dir({ 'hooks.yaml': FILE });
    const first = await hookctl(['plan', '-f', 'hooks.yaml'], cwd);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(10);
    expect(first.stdout).toContain('codeup:ORG/100\n  + https://ci.example.com/codeup');
    expect(first.stdout).toContain('+ https://ci.example.com/codearts');
    expect(first.stdout).toContain('secret: ${env:HOOK_SECRET}');
    expect(first.stdout).toContain('Plan: 3 to create, 0 to update, 0 to replace, 0 to delete, 0 unchanged.');
    expect(writes()).toHaveLength(0);

    const applied = await hookctl(['apply', '-f', 'hooks.yaml', '--yes'], cwd);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/✓ codearts:77 \+ https:\/\/ci\.example\.com\/codearts: created \(id \d+\)/);
    expect(applied.stdout).toContain('Apply: 3 of 3 changes applied; 0 unchanged.');
    noSecrets(applied);
    expect(emu.emulator.store.codeup.list(scopeKey.codeup('ORG', 100))[0]?.secretToken).toBe(SECRET);
    expect(emu.emulator.store.codearts.list('77')[0]?.token).toBe(SECRET);
    expect(emu.emulator.store.servicestage.list(SS_SCOPE)[0]?.secret).toBe(SECRET);

    const again = await hookctl(['plan', '-f', 'hooks.yaml'], cwd);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('No changes: 3 hooks match the file.\n');

    emu.server.requests.length = 0;
    const second = await hookctl(['apply', '-f', 'hooks.yaml'], cwd); // no --yes needed: nothing to do
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('No changes');
    expect(emu.server.requests.length).toBeGreaterThan(0);
    expect(writes()).toEqual([]);
  });

  it('a hook changed by hand shows ~ with the exact fields; apply puts it back', async () => {
    const cwd = dir({ 'hooks.yaml': FILE });
    expect((await hookctl(['apply', '-f', 'hooks.yaml', '--yes'], cwd)).code).toBe(0);
    const record = emu.emulator.store.codearts.list('77')[0];
    if (!record) throw new Error('no hook');
    record.name = 'renamed';
    record.noteEvents = false;
    const plan = await hookctl(['plan', '-f', 'hooks.yaml'], cwd);
    expect(plan.code).toBe(10);
    expect(plan.stdout).toContain(
      `codearts:77\n  ~ https://ci.example.com/codearts (id ${record.id})\n      name: "renamed" → "ci"\n      events: push → push, note\n`,
    );
    expect(plan.stdout).toContain('Plan: 0 to create, 1 to update, 0 to replace, 0 to delete, 2 unchanged.');
    const json = await hookctl(['plan', '-f', 'hooks.yaml', '-o', 'json'], cwd);
    const target = JSON.parse(json.stdout).targets.find((t: { target: string }) => t.target === 'codearts:77');
    expect(target.changes[0].diff).toEqual([
      { field: 'name', from: 'renamed', to: 'ci' },
      { field: 'events', from: ['push'], to: ['push', 'note'] },
    ]);
    expect((await hookctl(['apply', '-f', 'hooks.yaml', '--yes'], cwd)).code).toBe(0);
    expect((await hookctl(['plan', '-f', 'hooks.yaml'], cwd)).code).toBe(0);
  });

  it('--prune deletes only hooks of the targets the file names', async () => {
    const cwd = dir({ 'hooks.yaml': FILE });
    const extra = ['--url', 'https://old.example.com/h', '--secret-env', 'HOOK_SECRET'];
    expect((await hookctl(['hooks', 'create', 'codearts:77', '--name', 'old', ...extra], cwd)).code).toBe(0);
    expect((await hookctl(['hooks', 'create', 'codearts:78', '--name', 'other', ...extra], cwd)).code).toBe(0);
    const kept = await hookctl(['plan', '-f', 'hooks.yaml'], cwd);
    expect(kept.stdout).toContain('1 not in the file, kept (--prune deletes)');
    const pruned = await hookctl(['apply', '-f', 'hooks.yaml', '--prune', '--yes'], cwd);
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toMatch(/✓ codearts:77 - https:\/\/old\.example\.com\/h: deleted/);
    expect(emu.emulator.store.codearts.list('77').map((h) => h.url)).toEqual(['https://ci.example.com/codearts']);
    expect(emu.emulator.store.codearts.list('78').map((h) => h.url)).toEqual(['https://old.example.com/h']);
  });

  it('without a terminal and without --yes, apply refuses (exit 2) and sends nothing', async () => {
    const cwd = dir({ 'hooks.yaml': FILE });
    const out = await hookctl(['apply', '-f', 'hooks.yaml'], cwd);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('apply: refusing to make 3 changes without confirmation; nothing was applied');
    expect(writes()).toEqual([]);
  });

  it('a saved plan applies exactly; it is refused (exit 2) when a target changed since', async () => {
    const cwd = dir({ 'hooks.yaml': FILE });
    const saved = await hookctl(['plan', '-f', 'hooks.yaml', '--out', 'plan.json'], cwd);
    expect(saved.code).toBe(10);
    const text = readFileSync(join(cwd, 'plan.json'), 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).toContain('${env:HOOK_SECRET}');

    // Someone adds a hook to codearts:77 by hand: the plan no longer describes that target.
    expect((await hookctl(['hooks', 'create', 'codearts:77', '--name', 'x', '--url', 'https://x.example.com/'], cwd)).code).toBe(0);
    emu.server.requests.length = 0;
    const refused = await hookctl(['apply', 'plan.json'], cwd);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('apply: the hooks of target codearts:77 changed since plan.json was planned; nothing was applied');
    expect(writes()).toEqual([]);

    expect((await hookctl(['plan', '-f', 'hooks.yaml', '--out', 'plan.json'], cwd)).code).toBe(10);
    const missing = await runBin(['apply', 'plan.json'], { env: emu.env, cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('environment variable HOOK_SECRET is not set');
    const applied = await hookctl(['apply', 'plan.json', '-o', 'json'], cwd);
    expect(applied.code).toBe(0);
    const report = JSON.parse(applied.stdout);
    expect(report.summary).toEqual({ applied: 3, failed: 0, unchanged: 0 });
    expect(emu.emulator.store.servicestage.list(SS_SCOPE)[0]?.secret).toBe(SECRET);
    expect((await hookctl(['plan', '-f', 'hooks.yaml'], cwd)).code).toBe(0);
  });

  it('a failed change does not stop the others: exit 5 with a report; re-running converges', async () => {
    const cwd = dir({ 'hooks.yaml': FILE });
    // One target at a time, in file order: the second create (codearts:77) is refused (a 500 would
    // leave its outcome unknown, which ends the run with exit 6).
    emu.emulator.faults.add(['400:times=1,method=POST,skip=1']);
    const out = await hookctl(['apply', '-f', 'hooks.yaml', '--yes', '-o', 'json', '--retries', '0', '--concurrency', '1'], cwd);
    expect(out.code).toBe(5);
    const report = JSON.parse(out.stdout);
    const byStatus = (s: string) => report.changes.filter((c: { status: string }) => c.status === s).length;
    expect(out.stderr).toMatch(/✗ codearts:77 \+ https:\/\/ci\.example\.com\/codearts: .+/);
    expect(out.stderr).toContain('Apply: 2 of 3 changes applied, 1 not; 0 unchanged.');
    expect(byStatus('failed')).toBe(1);
    expect(byStatus('applied')).toBe(2);
    expect(report.summary).toEqual({ applied: 2, failed: 1, unchanged: 0 });
    emu.emulator.faults.clear();
    expect((await hookctl(['apply', '-f', 'hooks.yaml', '--yes'], cwd)).code).toBe(0);
    expect((await hookctl(['plan', '-f', 'hooks.yaml'], cwd)).code).toBe(0);
  });

  it('secrets: Codeup compares its readable secret; hidden ones show only with --sync-secrets, which pushes them', async () => {
    const cwd = dir({ 'hooks.yaml': FILE });
    expect((await hookctl(['apply', '-f', 'hooks.yaml', '--yes'], cwd)).code).toBe(0);
    const store = emu.emulator.store;
    const codeup = store.codeup.list(scopeKey.codeup('ORG', 100))[0];
    const codearts = store.codearts.list('77')[0];
    const ss = store.servicestage.list(SS_SCOPE)[0];
    if (!codeup || !codearts || !ss) throw new Error('hooks missing');
    codeup.secretToken = 'drifted-1';
    codearts.token = 'drifted-2';
    ss.secret = 'drifted-3';
    const plan = await hookctl(['plan', '-f', 'hooks.yaml'], cwd);
    expect(plan.code).toBe(10);
    expect(plan.stdout).toContain(
      `codeup:ORG/100\n  -/+ https://ci.example.com/codeup (id ${codeup.id}, replaced: the id will change)\n      secret: changed\n`,
    );
    expect(plan.stdout).toContain('Plan: 0 to create, 0 to update, 1 to replace, 0 to delete, 2 unchanged.');
    expect(plan.stdout).not.toContain('drifted');
    const sync = await hookctl(['plan', '-f', 'hooks.yaml', '--sync-secrets'], cwd);
    expect(sync.stdout.match(/secret: sync/g)).toHaveLength(2);
    expect(sync.stdout).toContain('Plan: 0 to create, 1 to update, 2 to replace, 0 to delete, 0 unchanged.');
    const applied = await hookctl(['apply', '-f', 'hooks.yaml', '--sync-secrets', '--yes'], cwd);
    expect(applied.code).toBe(0);
    noSecrets(applied);
    expect(store.codeup.list(scopeKey.codeup('ORG', 100)).map((h) => h.secretToken)).toEqual([SECRET]);
    expect(store.codearts.list('77').map((h) => h.token)).toEqual([SECRET]);
    expect(store.servicestage.list(SS_SCOPE).map((h) => h.secret)).toEqual([SECRET]);
  });

  it('on a terminal apply asks naming the hooks; anything but yes applies nothing (exit 2)', async () => {
    const cwd = dir({ 'hooks.yaml': FILE });
    const env = { ...emu.env, HOOK_SECRET: SECRET };
    const no = await runMain(['apply', '-f', 'hooks.yaml'], { env, cwd, tty: true, answers: ['n'] });
    expect(no.stderr).toMatch(/\? Apply: create → \S+ on \S+; create "\S+" → \S+ on codearts:77; create → \S+ on servicestage:\S+\? \[y\/N\] n\n/);
    expect(no.stderr).toContain('apply: not confirmed; nothing was applied');
    expect(no.code).toBe(2);
    expect(writes()).toEqual([]);
    const yes = await runMain(['apply', '-f', 'hooks.yaml'], { env, cwd, tty: true, answers: ['y'] });
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain('Apply: 3 of 3 changes applied; 0 unchanged.');
  });

  it('export | plan finds nothing to do on hooks of all three providers', async () => {
    const cwd = dir({ 'hooks.yaml': FILE });
    expect((await hookctl(['apply', '-f', 'hooks.yaml', '--yes'], cwd)).code).toBe(0);
    const exported = await hookctl(['export', 'codeup:ORG/100', 'codearts:77', SS], cwd);
    expect(exported.code).toBe(0);
    const text = exported.stdout;
    const names = [...text.matchAll(/\$\{env:(HOOK_SECRET_[0-9A-F]+)\}/g)].map((m) => m[1] as string);
    expect(names).toHaveLength(3);
    const env = Object.fromEntries(names.map((n) => [n, SECRET]));
    const plan = await hookctl(['plan', '-f', '-'], cwd, env, text);
    expect(plan.stderr).toBe('');
    expect(plan.stdout).toBe('No changes: 3 hooks match the file.\n');
    expect(plan.code).toBe(0);
  });
});

describe('rotate', () => {
  it('a fault mid-run fails some hooks (exit 5); re-running finishes and no hook keeps the old secret', async () => {
    const cwd = dir({ 'hooks.yaml': FILE });
    expect((await hookctl(['apply', '-f', 'hooks.yaml', '--yes'], cwd)).code).toBe(0);
    expect(
      (await hookctl(['hooks', 'create', 'codearts:77', '--name', 'two', '--url', 'https://two.example.com/', '--secret-env', 'HOOK_SECRET'], cwd)).code,
    ).toBe(0);
    const targets = ['codeup:ORG/100', 'codearts:77', SS];
    emu.emulator.faults.add(['500:times=1,method=PUT']);
    const first = await hookctl(['rotate', ...targets, '--secret-env', 'NEW', '--concurrency', '1', '-o', 'json', '--retries', '0'], cwd);
    expect(first.code).toBe(5);
    noSecrets(first);
    const rows = JSON.parse(first.stdout) as { status: string; target: string; error?: string }[];
    expect(rows).toHaveLength(4);
    expect(rows.filter((r) => r.status === 'failed')).toHaveLength(1);
    expect(rows.find((r) => r.status === 'failed')?.target).toBe('codearts:77');

    const second = await hookctl(['rotate', ...targets, '--secret-env', 'NEW', '-o', 'csv'], cwd);
    expect(second.code).toBe(0);
    expect(second.stdout.split('\n')[0]).toBe('target,id,newId,url,status,secretCheck,error');
    expect(second.stdout).toMatch(/codeup:ORG\/100,\d+,,https:\/\/ci\.example\.com\/codeup,already,compared,/);
    const store = emu.emulator.store;
    const secrets = [
      ...store.codeup.list(scopeKey.codeup('ORG', 100)).map((h) => h.secretToken),
      ...store.codearts.list('77').map((h) => h.token),
      ...store.servicestage.list(SS_SCOPE).map((h) => h.secret),
    ];
    expect(secrets).toEqual([NEW_SECRET, NEW_SECRET, NEW_SECRET, NEW_SECRET]);
  });

  it('a delete-first replace whose create fails (ServiceStage): the report says the hook was deleted and how to recreate it', async () => {
    const cwd = dir({ 'hooks.yaml': FILE });
    expect((await hookctl(['apply', '-f', 'hooks.yaml', '--yes'], cwd)).code).toBe(0);
    emu.emulator.faults.add(['400:times=1,method=POST']);
    const out = await hookctl(['rotate', SS, '--secret-env', 'NEW', '-o', 'json', '--retries', '0'], cwd);
    expect(out.code).toBe(5);
    noSecrets(out);
    const [row] = JSON.parse(out.stdout);
    expect(row.status).toBe('failed');
    expect(row.error).toContain('was deleted, but creating its replacement failed');
    expect(row.error).toContain('(hint: recreate it with this spec (secrets masked)');
  });

  it('--dry-run and --url-match: sends nothing, names what would change', async () => {
    const cwd = dir({ 'hooks.yaml': FILE });
    expect((await hookctl(['apply', '-f', 'hooks.yaml', '--yes'], cwd)).code).toBe(0);
    emu.server.requests.length = 0;
    const out = await hookctl(['rotate', 'codearts:77', 'codeup:ORG/100', '--secret-env', 'NEW', '--url-match', 'codearts$', '--dry-run'], cwd);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Rotate (dry run): 1 would get the new secret, 0 already have it; nothing was sent.');
    expect(writes()).toEqual([]);
  });
});

it('schema prints the hooks file JSON Schema', async () => {
  const out = await runBin(['schema']);
  expect(out.code).toBe(0);
  const schema = JSON.parse(out.stdout);
  expect(schema.title).toBe('hookctl hooks file');
  expect(Object.keys(schema.properties)).toEqual(['version', 'defaults', 'hooks']);
});
