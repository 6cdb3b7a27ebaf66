/**
 * Fuzz: the spec flags of `hooks create` and `hooks update` — URLs, event lists, branch and note
 * filters (regexes), names and descriptions. The parse functions take thousands of inputs
 * directly (valid or a one-line UsageError naming the flag); a sample of whole command lines runs
 * through the CLI, as --dry-run and as real requests to the in-process emulator.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEvents, validateSpec } from '../../src/commands/hooks/flags.js';
import { emulatorEnv } from '../../src/emulator/credentials.js';
import { UsageError } from '../../src/errors.js';
import { emptyDir } from '../helpers/cli.js';
import { anyText, check, expectClean, PROPERTY_TIMEOUT_MS, RUNS, runCase } from './harness.js';
import { emulatorTransport, FAKE_ENDPOINT } from './transport.js';

const urlText = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.tuple(fc.webUrl(), fc.constantFrom('ftp', 'javascript', 'HTTP', 'file', '')).map(([u, scheme]) => u.replace(/^https?/, scheme)),
  fc.tuple(fc.constantFrom('http://', 'https://', 'https:///', 'http://[::1]', 'https://user:pw@'), anyText).map(([a, b]) => a + b),
  fc.constantFrom('', ' ', 'http://', 'https://exa mple.com', 'https://例え.jp/フック', `https://x.example.com/${'a'.repeat(3000)}`, 'https://%zz'),
  anyText,
);

const eventList = fc.oneof(
  fc.array(fc.constantFrom('push', 'tag_push', 'merge_request', 'note', 'PUSH', 'issues', '', ' push ', 'push,'), { maxLength: 6 }).map((a) => a.join(',')),
  anyText,
);

/** Regex sources: valid, broken, huge, and the ReDoS classics (compiled, never run on input). */
const regexText = fc.oneof(
  fc.constantFrom(
    '^release/.*$',
    '.*',
    '(a+)+$',
    '([a-z]+)*$',
    '[',
    '(',
    '\\',
    '*',
    '(?<n>x)\\k<n>',
    '\\p{L}+',
    '(?=x)',
    'a{2,1}',
    '[z-a]',
    `${'('.repeat(300)}x${')'.repeat(300)}`,
  ),
  fc.string({ unit: fc.constantFrom('(', ')', '[', ']', '{', '}', '*', '+', '?', '|', '\\', '^', '$', '.', 'a', '1', ','), maxLength: 30 }),
  anyText,
);

/** Valid, or a UsageError (messages may quote the input: the reporter makes them printable). */
const expectUsage = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
  }
};

describe('fuzz: spec flags, parsed directly', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it(`${RUNS * 2} URLs`, async () => {
    await check(
      fc.property(urlText, (url) => expectUsage(() => validateSpec({ url }))),
      RUNS * 2,
    );
  });

  it(`${RUNS * 2} event lists`, async () => {
    await check(
      fc.property(eventList, (list) =>
        expectUsage(() => {
          const events = parseEvents(list);
          validateSpec({ url: 'https://ci.example.com/h', events });
        }),
      ),
      RUNS * 2,
    );
  });

  it(`${RUNS * 2} branch and note filters`, async () => {
    await check(
      fc.property(regexText, fc.array(regexText, { maxLength: 12 }), (branchFilter, noteFilters) =>
        expectUsage(() => validateSpec({ url: 'https://ci.example.com/h', branchFilter, noteFilters })),
      ),
      RUNS * 2,
    );
  });
});

type Maybe = string | undefined;

interface Flags {
  url?: Maybe;
  events?: Maybe;
  name?: Maybe;
  description?: Maybe;
  branchFilter?: Maybe;
  noteFilters?: string[];
  noSslVerify?: boolean;
  secret?: string;
}

/** What each provider needs, so that cases start valid and a few mutations take them anywhere. */
const BASE: Record<string, Flags> = {
  'codeup:org/1': { url: 'https://ci.example.com/h' },
  'codearts:7': { url: 'https://ci.example.com/h', name: 'ci' },
  'servicestage:p/ns/repo': { url: 'https://ci.example.com/h', secret: 'env' },
};

const mutation: fc.Arbitrary<Flags> = fc.oneof(
  urlText.map((url) => ({ url })),
  eventList.map((events) => ({ events })),
  anyText.map((name) => ({ name })),
  anyText.map((description) => ({ description })),
  regexText.map((branchFilter) => ({ branchFilter })),
  fc.array(regexText, { maxLength: 12 }).map((noteFilters) => ({ noteFilters })),
  fc.boolean().map((noSslVerify) => ({ noSslVerify })),
  fc.constantFrom('none', 'env', 'unset-env', 'stdin', 'empty-stdin', 'both').map((secret) => ({ secret })),
);

/** A target and its flags: the valid baseline with up to three fields changed. */
const targetAndFlags = fc
  .tuple(fc.constantFrom(...Object.keys(BASE)), fc.array(mutation, { maxLength: 3 }))
  .map(([target, changes]) => ({ target, flags: Object.assign({}, BASE[target], ...changes) as Flags }));

function specArgs(flags: Flags): string[] {
  // `--flag=value` so that a value starting with "-" stays a value, as a careful script writes it.
  const args: string[] = [];
  const add = (flag: string, value: Maybe) => value !== undefined && args.push(`${flag}=${value}`);
  add('--url', flags.url);
  add('--events', flags.events);
  add('--name', flags.name);
  add('--description', flags.description);
  add('--branch-filter', flags.branchFilter);
  for (const filter of flags.noteFilters ?? []) add('--note-filter', filter);
  if (flags.noSslVerify) args.push('--no-ssl-verify');
  if (flags.secret === 'env' || flags.secret === 'both') args.push('--secret-env', 'HOOK_SECRET');
  if (flags.secret === 'unset-env') args.push('--secret-env', 'NOT_SET');
  if (flags.secret === 'stdin' || flags.secret === 'empty-stdin' || flags.secret === 'both') args.push('--secret-stdin');
  return args;
}

/** The id a successful update printed, in any of the three formats. */
function updatedId(stdout: string): string | undefined {
  if (stdout.startsWith('{')) return (JSON.parse(stdout) as { id?: string }).id;
  return (/^id\t(.+)$/m.exec(stdout) ?? /^id: "?([^"\n]+)"?$/m.exec(stdout))?.[1];
}

describe('fuzz: spec flags through the CLI', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  const cwd = emptyDir();
  const env = { ...emulatorEnv(FAKE_ENDPOINT), HOOK_SECRET: 'fuzz-hook-secret' };
  const mode = fc.constantFrom<string[]>([], ['--dry-run'], ['--dry-run', '-o', 'json'], ['-o', 'yaml'], ['--json']);

  it(`${RUNS} create runs end cleanly`, async () => {
    const transport = emulatorTransport();
    const codes = new Map<number, number>();
    await check(
      fc.asyncProperty(targetAndFlags, mode, fc.boolean(), async ({ target: t, flags }, extra, tty) => {
        // The flags are what is fuzzed: on a terminal nothing is asked (the prompts have tests of their own).
        const argv = ['hooks', 'create', t, ...specArgs(flags), ...extra, ...(tty ? ['--no-input'] : [])];
        const stdin = flags.secret === 'empty-stdin' ? '' : 'stdin-secret\n';
        const table = !extra.includes('-o') && !extra.includes('--json');
        const result = await runCase(argv, { cwd, env, stdin, tty, deps: { transport } });
        codes.set(result.code, (codes.get(result.code) ?? 0) + 1);
        expectClean(result, argv, { json: extra.includes('json') || extra.includes('--json'), table });
      }),
    );
    // Both sides are reached: specs that are sent and specs refused before any request.
    expect(codes.get(0)).toBeGreaterThan(RUNS / 20);
    expect(codes.get(2)).toBeGreaterThan(RUNS / 20);
  });

  it(`${RUNS} update runs end cleanly (against hooks that exist)`, async () => {
    const transport = emulatorTransport();
    const codes = new Map<number, number>();
    const seeded: Record<string, string> = {};
    for (const [t, extra] of [
      ['codeup:org/1', []],
      ['codearts:7', ['--name', 'n']],
      ['servicestage:p/ns/repo', ['--secret-env', 'HOOK_SECRET']],
    ] as const) {
      const out = await runCase(['hooks', 'create', t, '--url', 'https://seed.example.com/h', ...extra, '--json'], { cwd, env, deps: { transport } });
      seeded[t] = (JSON.parse(out.stdout) as { id: string }).id;
    }
    await check(
      fc.asyncProperty(targetAndFlags, mode, async ({ target: t, flags }, extra) => {
        const argv = ['hooks', 'update', t, seeded[t] ?? '1', ...specArgs(flags), ...extra];
        const result = await runCase(argv, { cwd, env, stdin: 'stdin-secret', deps: { transport } });
        codes.set(result.code, (codes.get(result.code) ?? 0) + 1);
        expectClean(result, argv, { json: extra.includes('json') || extra.includes('--json'), table: !extra.includes('-o') && !extra.includes('--json') });
        // A replace-style update changes the id; keep pointing at the live hook.
        if (result.code === 0 && !extra.includes('--dry-run')) seeded[t] = updatedId(result.stdout) ?? seeded[t] ?? '1';
      }),
    );
    expect(codes.get(0)).toBeGreaterThan(RUNS / 20);
    expect(codes.get(2)).toBeGreaterThan(RUNS / 20);
  });
});
