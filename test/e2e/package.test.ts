/**
 * The package as users get it (issue 12): `npm pack`, then `npm install -g` of the tarball into an
 * empty prefix with an empty npm cache and --offline, so nothing can come from the network or from
 * this checkout; the installed `hookctl` must run the demo. Needs `npm run build` first, as `npm
 * test` does (npm pack runs with --ignore-scripts: it packs what the build produced).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { CHILD_TIMEOUT_MS } from '../helpers/timeouts.js';

function run(command: string, args: string[], options: { cwd: string; env: Record<string, string | undefined> }) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill(), CHILD_TIMEOUT_MS * 2);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the packed tarball', () => {
  it('installs into a clean prefix with no network and no dependencies, and its hookctl runs the demo', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookctl-pack-'));
    const env = { PATH: process.env.PATH, HOME: dir, npm_config_cache: join(dir, 'npm-cache'), npm_config_update_notifier: 'false', NO_COLOR: '1' };
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, env });
    expect(packed.code, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    if (!info) throw new Error('npm pack printed no package');
    // Only what runs: the bin, the bundle, package.json and the README.
    for (const { path } of info.files) expect(path).toMatch(/^(bin\/hookctl\.js|dist\/bundle\/[\w-]+\.js|package\.json|README\.md|LICENSE)$/);
    expect(info.files.map((f) => f.path)).toEqual(expect.arrayContaining(['bin/hookctl.js', 'dist/bundle/cli.js', 'dist/bundle/deps.js']));

    const prefix = join(dir, 'prefix');
    const installed = await run('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(dir, info.filename)], {
      cwd: dir,
      env,
    });
    expect(installed.code, installed.stderr).toBe(0);
    // The tarball holds the build: it carries no install or prepare script for npm to warn about.
    expect(installed.stderr).not.toContain('install-scripts');
    const home = join(prefix, 'lib/node_modules/hookctl');
    // Everything is bundled: npm installed no package besides hookctl itself.
    expect(existsSync(join(home, 'node_modules'))).toBe(false);
    expect(JSON.parse(readFileSync(join(home, 'package.json'), 'utf8')).dependencies).toBeUndefined();

    const bin = join(prefix, 'bin/hookctl');
    const version = await run(bin, ['--version'], { cwd: dir, env });
    expect(version).toEqual({ code: 0, stdout: `${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`, stderr: '' });
    const demo = await run(bin, ['demo'], { cwd: dir, env });
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stderr).toContain('created 3 hooks on Codeup, CodeArts Repo and ServiceStage');
    expect(demo.stdout).toContain('servicestage:0123456789abcdef0123456789abcdef/demo/web/app');
  });
});
