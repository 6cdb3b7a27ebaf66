/**
 * A replace never deletes the only hook: Codeup v3 has no update, so `hooks update`, `apply` and
 * `rotate` create the replacement first and delete the old hook after. A 500 on that create (which
 * may or may not have made a hook) must stop the replace before any delete: the old hook, whose URL
 * is the same and which is only minutes old, is not the new one.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyDir } from '../helpers/cli.js';
import { type FaultRun, PROVIDERS, SEED_URL, useFaultRig } from './harness.js';

const rig = useFaultRig();
const codeup = PROVIDERS.find((p) => p.name === 'codeup');
if (!codeup) throw new Error('no codeup case');

const stored = () => rig.emu().emulator.store.snapshot().codeup['ORG/100'] ?? [];

function expectStoppedBeforeDelete(out: FaultRun, id: string): void {
  expect(out.code, out.stderr).toBe(6);
  // Bulk runs print the per-hook line on stdout (a table), a single update on stderr.
  const printed = out.stdout + out.stderr;
  expect(printed).toContain(`replacing hook ${id} stopped before its delete`);
  expect(printed).not.toContain('was replaced by hook');
  expect(printed).not.toMatch(/new secret set|replaced \(id/);
  expect(out.attempts('POST')).toBe(1);
  expect(out.attempts('DELETE')).toBe(0);
  // The only hook is still there, with the same id and URL (the 500 created nothing).
  expect(stored()).toEqual([expect.objectContaining({ id: Number(id), url: SEED_URL })]);
}

describe('Codeup v3: a 500 on the create step of a replace stops it before the delete (exit 6)', () => {
  it('hooks update with the same URL', async () => {
    const id = await rig.seed(codeup);
    rig.faults('500:method=POST');
    const out = await rig.run(['hooks', 'update', codeup.target, id, '--events', 'push,tag_push', '--secret-env', 'HOOK_SECRET']);
    expectStoppedBeforeDelete(out, id);
    expect(out.stderr).toMatch(/^error: Codeup \(OpenAPI v3\): replacing hook \d+ stopped before its delete: .*HTTP 500/m);
    expect(out.stderr).toMatch(/^hint: hook \d+ is untouched; run `hookctl hooks list codeup:ORG\/100`/m);
  });

  it('rotate', async () => {
    const id = await rig.seed(codeup);
    rig.faults('500:method=POST');
    const out = await rig.run(['rotate', codeup.target, '--secret-env', 'NEW_SECRET'], { env: { NEW_SECRET: 'rotated-secret-3b1f' } });
    expectStoppedBeforeDelete(out, id);
    expect(out.stderr).toMatch(/^error: 1 hook failed; run rotate again to finish; one write has an unknown outcome \(see above\)$/m);
    expect(stored()[0]?.secretToken).toBe('fault-suite-hook-secret');
  });

  it('apply', async () => {
    const id = await rig.seed(codeup);
    const cwd = emptyDir();
    const file = `version: 1\nhooks:\n  - target: ${codeup.target}\n    url: ${SEED_URL}\n    events: [push, tag_push]\n    secret: \${env:HOOK_SECRET}\n`;
    writeFileSync(join(cwd, 'hooks.yaml'), file);
    rig.faults('500:method=POST');
    const out = await rig.run(['apply', '-f', 'hooks.yaml', '--yes'], { cwd });
    expectStoppedBeforeDelete(out, id);
    expect(out.stdout).toMatch(
      /^✗ codeup:ORG\/100 -\/\+ https:\/\/ci\.example\.com\/seed: Codeup \(OpenAPI v3\): replacing hook \d+ stopped before its delete/m,
    );
  });
});
