/**
 * Files the real bin writes: `plan --out` never redirected by a directory link in the checkout nor
 * changing a directory's mode; concurrent `config trust` runs each keeping their entry.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();
const temp = () => mkdtempSync(join(tmpdir(), 'hookctl-files-'));
const mode = (path: string) => statSync(path).mode & 0o7777;
const HOOKS = 'version: 1\nhooks:\n  - target: codearts:77\n    url: https://ci.example.com/files\n';

describe('plan --out', () => {
  it('a directory link in the working tree is refused (exit 2): nothing written or chmodded outside', async () => {
    const repo = temp();
    const outside = temp();
    chmodSync(outside, 0o755);
    writeFileSync(join(repo, 'hooks.yaml'), HOOKS);
    symlinkSync(outside, join(repo, 'plans'));
    const out = await runBin(['plan', '-f', 'hooks.yaml', '--out', 'plans/plan.json'], { env: emu.env, cwd: repo });
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      `error: --out plans/plan.json: cannot write the plan (${join(repo, 'plans')} is a symbolic link; hookctl writes inside the working directory only through real directories)\n`,
    );
    expect(readdirSync(outside)).toEqual([]);
    expect(mode(outside)).toBe(0o755);
  });

  it('into a shared 1777 directory: the plan is 0600 and the directory keeps its mode and sticky bit', async () => {
    const repo = temp();
    writeFileSync(join(repo, 'hooks.yaml'), HOOKS);
    mkdirSync(join(repo, 'shared'));
    chmodSync(join(repo, 'shared'), 0o1777);
    chmodSync(repo, 0o755);
    const out = await runBin(['plan', '-f', 'hooks.yaml', '--out', 'shared/plan.json'], { env: emu.env, cwd: repo });
    expect(out.code, out.stderr).toBe(10);
    expect(mode(join(repo, 'shared'))).toBe(0o1777);
    expect(mode(repo)).toBe(0o755);
    expect(mode(join(repo, 'shared', 'plan.json'))).toBe(0o600);
    expect(readdirSync(join(repo, 'shared'))).toEqual(['plan.json']);
  });
});

describe('config trust', () => {
  it('20 runs at once on 20 files keep 20 entries, and leave no lock or temporary file', async () => {
    const home = temp();
    const files = Array.from({ length: 20 }, (_, i) => {
      const file = join(home, `c${i}.yaml`);
      writeFileSync(file, `output: json\ntimeout: ${1000 + i}\n`);
      return file;
    });
    const env = { HOME: home, XDG_CONFIG_HOME: join(home, '.config') };
    const runs = await Promise.all(files.map((file) => runBin(['config', 'trust', file], { env, cwd: home })));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const store = JSON.parse(readFileSync(join(home, '.config', 'hookctl', 'trusted.json'), 'utf8')) as { files: Record<string, unknown> };
    expect(Object.keys(store.files).sort()).toEqual([...files].sort());
    expect(readdirSync(join(home, '.config', 'hookctl'))).toEqual(['trusted.json']);
    expect(mode(join(home, '.config', 'hookctl'))).toBe(0o700);
  });
});
