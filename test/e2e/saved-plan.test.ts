/**
 * A saved plan shows what it sends: the real bin against the emulator. One URL per change, a digest
 * of the changes, and the hooks file re-read at apply: an edited plan is refused before any write.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changesDigest } from '../../src/fleet/plan.js';
import { runBin } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();
const SECRET = 'saved-plan-secret-5d1a';
const FILE = `version: 1
hooks:
  - target: codearts:77
    url: https://ci.example.com/h
    name: ci
    secret: \${env:HOOK_SECRET}
`;

const hookctl = (args: string[], cwd: string) => runBin(args, { env: { ...emu.env, HOOK_SECRET: SECRET }, cwd });
const writes = () => emu.server.requests.filter((r) => ['POST', 'PUT', 'DELETE', 'PATCH'].includes(r.method) && !r.url.includes('/_emulator/'));

/** A directory with hooks.yaml and plan.json saved from it (nothing applied yet). */
async function saved(): Promise<{ cwd: string; plan: PlanJson }> {
  const cwd = mkdtempSync(join(tmpdir(), 'hookctl-plan-'));
  writeFileSync(join(cwd, 'hooks.yaml'), FILE);
  const out = await hookctl(['plan', '-f', 'hooks.yaml', '--out', 'plan.json'], cwd);
  expect(out.code).toBe(10);
  emu.server.requests.length = 0;
  return { cwd, plan: JSON.parse(readFileSync(join(cwd, 'plan.json'), 'utf8')) };
}

// biome-ignore lint/suspicious/noExplicitAny: an edited plan is any JSON.
type PlanJson = any;

const save = (cwd: string, plan: PlanJson) => writeFileSync(join(cwd, 'plan.json'), JSON.stringify(plan, null, 2));
const redigest = (plan: PlanJson) => ({ ...plan, changesSha256: changesDigest(plan) });

async function refused(cwd: string, message: string | RegExp, args: string[] = []) {
  const out = await hookctl(['apply', 'plan.json', ...args], cwd);
  expect(out.code).toBe(2);
  expect(out.stderr.split('\n')[0]).toMatch(message);
  expect(out.stderr).not.toContain(SECRET);
  expect(writes()).toEqual([]);
  expect(emu.emulator.store.codearts.list('77')).toEqual([]);
}

describe('saved plans', () => {
  it('an untouched plan holds each URL once, records the hooks file and applies what it prints', async () => {
    const { cwd, plan } = await saved();
    expect(plan.version).toBe(2);
    expect(plan.hooksFile).toEqual({ path: 'hooks.yaml', sha256: createHash('sha256').update(FILE).digest('hex') });
    expect(plan.changesSha256).toMatch(/^[0-9a-f]{64}$/);
    const change = plan.targets[0].changes[0];
    expect(change.url).toBe('https://ci.example.com/h');
    expect(change.spec).toEqual({ name: 'ci', secretRef: '${env:HOOK_SECRET}' });
    const applied = await hookctl(['apply', 'plan.json'], cwd);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/✓ codearts:77 \+ https:\/\/ci\.example\.com\/h: created \(id \d+\)/);
    expect(emu.emulator.store.codearts.list('77').map((h) => [h.url, h.token])).toEqual([['https://ci.example.com/h', SECRET]]);
  });

  it('an edited URL does not match the digest: refused naming it, nothing sent', async () => {
    const { cwd, plan } = await saved();
    plan.targets[0].changes[0].url = 'https://evil.example/h';
    save(cwd, plan);
    await refused(cwd, /^error: plan\.json: changesSha256: the changes do not match the plan's digest/);
  });

  it('an edited URL with a recomputed digest does not follow from the hooks file: refused', async () => {
    const { cwd, plan } = await saved();
    plan.targets[0].changes[0].url = 'https://evil.example/h';
    save(cwd, redigest(plan));
    await refused(cwd, /apply: plan\.json: codearts:77 create https:\/\/evil\.example\/h: hooks\.yaml declares no such hook; nothing was applied/);
  });

  it('a target the hooks file never named is refused naming it', async () => {
    const { cwd, plan } = await saved();
    plan.targets.push({ ...plan.targets[0], target: 'codearts:666' });
    save(cwd, redigest(plan));
    await refused(cwd, /apply: plan\.json: target codearts:666 is not named in hooks\.yaml; nothing was applied/);
  });

  it('a hooks file edited with the plan (its digest recomputed) no longer matches the recorded SHA-256', async () => {
    const { cwd, plan } = await saved();
    plan.targets[0].changes[0].url = 'https://evil.example/h';
    save(cwd, redigest(plan));
    writeFileSync(join(cwd, 'hooks.yaml'), FILE.replace('https://ci.example.com/h', 'https://evil.example/h'));
    await refused(cwd, /apply: plan\.json: hooks\.yaml changed since the plan was made/);
  });

  it('-f names the hooks file when it moved; without it the digest alone is checked', async () => {
    const { cwd, plan } = await saved();
    mkdirSync(join(cwd, 'elsewhere'));
    renameSync(join(cwd, 'hooks.yaml'), join(cwd, 'elsewhere/hooks.yaml'));
    const untouched = structuredClone(plan);
    plan.targets[0].changes[0].url = 'https://evil.example/h';
    save(cwd, redigest(plan));
    await refused(cwd, /apply: plan\.json: codearts:77 create https:\/\/evil\.example\/h: elsewhere\/hooks\.yaml declares no such hook/, [
      '-f',
      'elsewhere/hooks.yaml',
    ]);
    save(cwd, untouched);
    const applied = await hookctl(['apply', 'plan.json'], cwd);
    expect(applied.code).toBe(0);
    expect(emu.emulator.store.codearts.list('77').map((h) => h.url)).toEqual(['https://ci.example.com/h']);
  });

  it('a plan from an older hookctl is refused in one line', async () => {
    const { cwd, plan } = await saved();
    save(cwd, { ...plan, version: 1 });
    await refused(cwd, /^error: plan\.json: version: plan version 1 is not supported \(this hookctl reads version 2\); make a new plan$/);
  });
});
