/** expandTargets: literal targets, patterns through the hook service, targets files, dedupe, shard. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { inShard } from '../../../src/fleet/shard.js';
import { createHookService } from '../../../src/hooks/service.js';
import { expandTargets, type TargetsContext } from '../../../src/hooks/targets.js';
import type { ProviderId, Target } from '../../../src/model/target.js';
import { formatTarget } from '../../../src/providers/registry.js';
import { fakeProvider } from '../../helpers/fake-provider.js';

/** A fake Codeup whose `codeup:<org>/*` lists projects 1..n of the organization; it records each pull. */
function fleetContext(options: { files?: Record<string, string>; stdin?: string; projects?: number } = {}) {
  const pulls: string[] = [];
  const codeup = Object.assign(fakeProvider('codeup'), {
    async *expand(pattern: string): AsyncIterable<Target> {
      const match = /^codeup:([^/]+)\/\*$/.exec(pattern);
      if (!match) throw new UsageError(`pattern "${pattern}": expected codeup:<organizationId>/*`);
      for (let i = 1; i <= (options.projects ?? 3); i++) {
        pulls.push(`${match[1]}/${i}`);
        yield { provider: 'codeup', organizationId: match[1] as string, projectId: String(i) };
      }
    },
  });
  const services = { codeup, codearts: fakeProvider('codearts', { label: 'CodeArts Repo' }), servicestage: fakeProvider('servicestage') };
  const ctx: TargetsContext = {
    deps: {
      cwd: '/work',
      readFile: async (path: string) => options.files?.[path],
      stdin: { isTTY: false, readAll: async () => options.stdin ?? '' },
    },
    hooks: async (id: ProviderId) => createHookService(services[id as keyof typeof services], {}, formatTarget),
  };
  return { ctx, pulls };
}

async function names(iterable: AsyncIterable<Target>): Promise<string[]> {
  const out: string[] = [];
  for await (const target of iterable) out.push(formatTarget(target));
  return out;
}

describe('expandTargets', () => {
  it('literal targets pass through parseTarget, in order', async () => {
    const { ctx } = fleetContext();
    expect(await names(expandTargets(['codearts:7', 'codeup:org/5'], {}, ctx))).toEqual(['codearts:7', 'codeup:org/5']);
  });

  it('a pattern expands through the provider, lazily: nothing is listed before the consumer pulls', async () => {
    const { ctx, pulls } = fleetContext({ projects: 100 });
    const iterator = expandTargets(['codeup:acme/*'], {}, ctx)[Symbol.asyncIterator]();
    expect(pulls).toEqual([]);
    expect(formatTarget((await iterator.next()).value as Target)).toBe('codeup:acme/1');
    expect(pulls).toEqual(['acme/1']);
    await iterator.return?.(undefined);
    expect(pulls).toHaveLength(1);
  });

  it('repeated targets, from arguments, patterns and the file, come out once', async () => {
    const { ctx } = fleetContext({ files: { '/work/fleet.txt': '# team\ncodeup:acme/2   # again\ncodearts:7\n\ncodeup:acme/*\n' } });
    const out = await names(expandTargets(['codearts:7', 'codeup:acme/1'], { targetsFile: 'fleet.txt' }, ctx));
    expect(out).toEqual(['codearts:7', 'codeup:acme/1', 'codeup:acme/2', 'codeup:acme/3']);
  });

  it('--targets-file - reads stdin', async () => {
    const { ctx } = fleetContext({ stdin: 'codearts:1\r\ncodearts:2\n' });
    expect(await names(expandTargets([], { targetsFile: '-' }, ctx))).toEqual(['codearts:1', 'codearts:2']);
  });

  it('bad input stops before anything is listed: a file line, a missing file, an unknown provider, a provider without patterns', async () => {
    const { ctx, pulls } = fleetContext({ files: { '/work/bad.txt': 'codearts:1\ncodearts:x\n' } });
    const failure = (inputs: string[], targetsFile?: string) =>
      names(expandTargets(inputs, { targetsFile }, ctx)).then(
        () => undefined,
        (error: unknown) => error,
      );
    const cases: [Promise<unknown>, RegExp][] = [
      [failure(['codeup:acme/*'], 'bad.txt'), /^bad\.txt:2: not a target: the group id must be a positive number$/],
      [failure([], 'absent.txt'), /^--targets-file absent\.txt: no such file$/],
      [failure(['gitlab:grp/*']), /^target "gitlab:grp\/\*": unknown provider "gitlab"$/],
      [
        failure(['codearts:project/0123456789abcdef0123456789abcdef/repos']),
        /^"codearts:project\/0123456789abcdef0123456789abcdef\/repos": patterns are not supported for CodeArts Repo$/,
      ],
      [failure([]), /^name at least one target or pattern/],
    ];
    for (const [promise, message] of cases) {
      const error = await promise;
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(message);
    }
    expect(pulls).toEqual([]);
  });

  it('a targets-file line that is not a target is named by file:line, never echoed (--targets-file .env)', async () => {
    const lines = ['DEPLOY_TOKEN=tok-4f9a2c', 'AWS:tok-4f9a2c', 'codeup:tok-4f9a2c', 'codearts:project/tok-4f9a2c/*', 'servicestage:tok-4f9a2c/*/x/*'];
    for (const [i, line] of lines.entries()) {
      const { ctx } = fleetContext({ files: { '/work/.env': `codearts:1\n${line}\n` } });
      const error = await names(expandTargets([], { targetsFile: '.env' }, ctx)).then(
        () => undefined,
        (e: unknown) => e as UsageError,
      );
      expect(error, line).toBeInstanceOf(UsageError);
      expect(error?.message, line).toMatch(/^\.env:2: not a (target|pattern)/);
      expect(`${error?.message}\n${error?.hint}`, `${i}: ${error?.message}`).not.toContain('tok-4f9a2c');
    }
  });

  it('a targets file of 150,000 lines is read whole (no stack overflow)', async () => {
    const text = Array.from({ length: 150_000 }, (_, i) => `codearts:${i + 1}`).join('\n');
    const { ctx } = fleetContext({ files: { '/work/big.txt': text } });
    const out = await names(expandTargets(['codearts:7'], { targetsFile: 'big.txt' }, ctx));
    expect(out).toHaveLength(150_000);
    expect(out.at(-1)).toBe('codearts:150000');
  });

  it('--shard i/n keeps each expanded target in exactly one share', async () => {
    const { ctx } = fleetContext({ projects: 60 });
    const all = await names(expandTargets(['codeup:acme/*'], {}, ctx));
    const shares = await Promise.all([1, 2, 3].map((index) => names(expandTargets(['codeup:acme/*'], { shard: { index, count: 3 } }, ctx))));
    expect(shares.flat().sort()).toEqual([...all].sort());
    for (const [i, share] of shares.entries()) {
      expect(share.length).toBeGreaterThan(0);
      for (const name of share) expect(inShard(name, { index: i + 1, count: 3 })).toBe(true);
    }
  });
});
