/**
 * The one writer of hookctl's files (plans, the trust store, the IAM token cache): atomic, 0600,
 * no link followed at the final component nor, inside the working directory, at any directory,
 * no mode changed on a directory it did not make; and the lock that keeps concurrent
 * read-modify-writes whole. Real files in a temporary directory.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LockTimeoutError, nodeFs, type PrivateFs, UnsafePathError, withFileLock, writePrivateFile } from '../../../src/runtime/deps.js';

const temp = () => mkdtempSync(join(tmpdir(), 'hookctl-file-'));
const mode = (path: string) => statSync(path).mode & 0o7777;

describe('writePrivateFile', () => {
  it('writes 0600 into a shared 1777 directory and leaves the directory as it was (sticky bit kept)', async () => {
    const shared = join(temp(), 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    await writePrivateFile(join(shared, 'plan.json'), '{}\n');
    expect(mode(shared)).toBe(0o1777);
    expect(mode(join(shared, 'plan.json'))).toBe(0o600);
    expect(readFileSync(join(shared, 'plan.json'), 'utf8')).toBe('{}\n');
  });

  it('an existing directory keeps its mode (0755); the directories it makes are 0700', async () => {
    const root = temp();
    chmodSync(root, 0o755);
    await writePrivateFile(join(root, 'a', 'b', 'trusted.json'), 'x');
    expect(mode(root)).toBe(0o755);
    expect(mode(join(root, 'a'))).toBe(0o700);
    expect(mode(join(root, 'a', 'b'))).toBe(0o700);
  });

  it('replaces an existing 0644 file with a 0600 one, atomically (no temporary file left)', async () => {
    const root = temp();
    writeFileSync(join(root, 'plan.json'), 'old');
    chmodSync(join(root, 'plan.json'), 0o644);
    await writePrivateFile(join(root, 'plan.json'), 'new');
    expect(readFileSync(join(root, 'plan.json'), 'utf8')).toBe('new');
    expect(mode(join(root, 'plan.json'))).toBe(0o600);
    expect(readdirSync(root)).toEqual(['plan.json']);
  });

  it('refuses a symbolic link at the final component: neither the link nor what it points at changes', async () => {
    const root = temp();
    const victim = join(temp(), 'victim');
    writeFileSync(victim, 'keep');
    symlinkSync(victim, join(root, 'plan.json'));
    await expect(writePrivateFile(join(root, 'plan.json'), 'evil')).rejects.toThrow(
      new UnsafePathError(`${join(root, 'plan.json')} is a symbolic link; hookctl does not write through one`),
    );
    expect(lstatSync(join(root, 'plan.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(victim, 'utf8')).toBe('keep');
    expect(readdirSync(root)).toEqual(['plan.json']);
  });

  it('refuses a dangling symbolic link too (it would create the file wherever it points)', async () => {
    const root = temp();
    const target = join(temp(), 'nothing-yet');
    symlinkSync(target, join(root, 'plan.json'));
    await expect(writePrivateFile(join(root, 'plan.json'), 'evil')).rejects.toThrow(UnsafePathError);
    expect(existsSync(target)).toBe(false);
  });

  it('with within: a linked directory inside the tree is refused; the outside directory is neither written nor chmodded', async () => {
    const repo = temp();
    const outside = temp();
    chmodSync(outside, 0o755);
    mkdirSync(join(repo, 'real'));
    symlinkSync(outside, join(repo, 'real', 'out'));
    const path = join(repo, 'real', 'out', 'plan.json');
    await expect(writePrivateFile(path, '{}', { within: repo })).rejects.toThrow(
      `${join(repo, 'real', 'out')} is a symbolic link; hookctl writes inside the working directory only through real directories`,
    );
    expect(readdirSync(outside)).toEqual([]);
    expect(mode(outside)).toBe(0o755);
  });

  it('with within: real directories inside the tree, and a path outside it, are written', async () => {
    const repo = temp();
    mkdirSync(join(repo, 'plans'));
    await writePrivateFile(join(repo, 'plans', 'p.json'), '1', { within: repo });
    const elsewhere = temp();
    await writePrivateFile(join(elsewhere, 'p.json'), '2', { within: repo });
    expect(readFileSync(join(repo, 'plans', 'p.json'), 'utf8')).toBe('1');
    expect(readFileSync(join(elsewhere, 'p.json'), 'utf8')).toBe('2');
  });

  it('the temporary file is created without following a link and fsynced before the rename', async () => {
    const root = temp();
    const calls: string[] = [];
    const fs: PrivateFs = {
      ...nodeFs,
      writeNew: async (path, text, m) => {
        calls.push(`writeNew ${m.toString(8)}`);
        await nodeFs.writeNew(path, text, m);
      },
      rename: async (from, to) => {
        calls.push('rename');
        await nodeFs.rename(from, to);
      },
    };
    await writePrivateFile(join(root, 'f'), 'x', {}, fs);
    expect(calls).toEqual(['writeNew 600', 'rename']);
    // nodeFs.writeNew itself: O_EXCL|O_NOFOLLOW refuses an existing name, link or not.
    symlinkSync(join(root, 'f'), join(root, 'link'));
    await expect(nodeFs.writeNew(join(root, 'link'), 'y', 0o600)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(join(root, 'f'), 'utf8')).toBe('x');
  });
});

describe('withFileLock', () => {
  it('serializes read-modify-writes: 20 concurrent updates keep 20 entries', async () => {
    const path = join(temp(), 'store.json');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withFileLock(path, async () => {
          const entries = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as number[]) : [];
          await new Promise((r) => setTimeout(r, 1));
          await writePrivateFile(path, JSON.stringify([...entries, i]));
        }),
      ),
    );
    expect((JSON.parse(readFileSync(path, 'utf8')) as number[]).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(readdirSync(join(path, '..'))).toEqual(['store.json']);
  });

  it('a lock left by a process that is gone is broken', async () => {
    const path = join(temp(), 'store.json');
    writeFileSync(`${path}.lock`, '999999 0f0f\n');
    const fs: PrivateFs = { ...nodeFs, processAlive: (pid) => pid !== 999999 };
    expect(await withFileLock(path, async () => 'ran', {}, fs)).toBe('ran');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('a live lock is waited for at most waitMs, then one line names the lock file and its holder', async () => {
    const path = join(temp(), 'store.json');
    writeFileSync(`${path}.lock`, `${process.pid} 0f0f\n`);
    let ran = false;
    const started = Date.now();
    const waiting = withFileLock(
      path,
      async () => {
        ran = true;
      },
      { waitMs: 200 },
    );
    await expect(waiting).rejects.toThrow(LockTimeoutError);
    await expect(waiting).rejects.toThrow(`${path}.lock is held by process ${process.pid} (waited 0 s); if no hookctl is running, remove that file`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(ran).toBe(false);
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(`${process.pid} 0f0f\n`);
  });

  it('the lock is released when the update fails', async () => {
    const path = join(temp(), 'store.json');
    await expect(withFileLock(path, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});
