/**
 * Fuzz: what providers answer. A transport injected through Deps answers every request of a run
 * with one generated response — the documented shape with fields of the wrong type or missing,
 * huge strings, invalid UTF-8, deep nesting, truncated JSON, error bodies with odd fields, any
 * status — and every verb of every adapter must still end with a documented exit code and one
 * clean line, in every output mode, with and without --debug.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emulatorEnv } from '../../src/emulator/credentials.js';
import { emptyDir } from '../helpers/cli.js';
import { answerArb, type Body, bytesOf, HOOKS, type Provider, TARGETS } from './answers.js';
import { check, expectClean, PROPERTY_TIMEOUT_MS, RUNS, runCase } from './harness.js';
import { FAKE_ENDPOINT, type ScriptedAnswer, scriptedTransport } from './transport.js';

const ENV = {
  ...emulatorEnv(FAKE_ENDPOINT),
  HOOK_SECRET: 'fuzz-hook-secret',
};
const IAM_ENV = {
  HOOKCTL_ENDPOINT: FAKE_ENDPOINT,
  HOOKCTL_IAM_USER: 'u',
  HOOKCTL_IAM_PASSWORD: 'fuzz-iam-password',
  HOOKCTL_IAM_DOMAIN: 'd',
};

function argvFor(provider: Provider, verb: string): string[] {
  const target = TARGETS[provider];
  const base = {
    list: ['hooks', 'list', target],
    bulk: ['hooks', 'list', target, target.replace(/\d+$/, '8'), '--concurrency', '2'],
    get: ['hooks', 'get', target, '10001'],
    create: [
      'hooks',
      'create',
      target,
      '--url',
      'https://ci.example.com/h',
      ...(provider.startsWith('codearts') ? ['--name', 'ci'] : []),
      '--secret-env',
      'HOOK_SECRET',
    ],
    update: ['hooks', 'update', target, '10001', '--url', 'https://ci.example.com/new'],
    delete: ['hooks', 'delete', target, '10001', '--yes'],
  }[verb] as string[];
  return provider === 'oapi' ? [...base, '--codeup-mode', 'oapi'] : base;
}

const PROVIDERS: Provider[] = ['codeup', 'oapi', 'codearts', 'servicestage', 'codearts-iam'];
const caseArb = fc.constantFrom(...PROVIDERS).chain((provider) =>
  fc.record({
    provider: fc.constant(provider),
    verb: fc.constantFrom('list', 'bulk', 'get', 'create', 'update', 'delete'),
    answer: answerArb(provider),
    output: fc.constantFrom<string[]>([], ['-o', 'json'], ['-o', 'yaml']),
    tty: fc.boolean(),
  }),
);

async function runAnswered(
  c: { provider: Provider; verb: string; answer: { status: number; headers: Record<string, string>; body: Body }; output: string[]; tty: boolean },
  debug: boolean,
) {
  const answer: ScriptedAnswer = { status: c.answer.status, headers: c.answer.headers, body: bytesOf(c.answer.body) };
  const argv = [...argvFor(c.provider, c.verb), ...c.output, ...(debug ? ['--debug'] : [])];
  const env = c.provider === 'codearts-iam' ? IAM_ENV : ENV;
  // --retries 0 where the flag exists keeps a 429/5xx from sleeping; the clock never waits anyway.
  const result = await runCase(argv, { cwd, env, tty: c.tty, deps: { transport: scriptedTransport(answer), sleep: async () => {} } });
  expectClean(result, argv, { json: c.output.includes('json'), debug, table: c.output.length === 0 });
  return result;
}

const cwd = emptyDir();

describe('fuzz: provider responses', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it(`${RUNS * 2} runs against generated answers end cleanly`, async () => {
    const codes = new Map<number, number>();
    await check(
      fc.asyncProperty(caseArb, async (c) => {
        const { code } = await runAnswered(c, false);
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }),
      RUNS * 2,
    );
    // Both sides are reached: answers that parse and answers that are refused.
    expect(codes.get(0)).toBeGreaterThan(RUNS / 20);
    expect(codes.get(1)).toBeGreaterThan(RUNS / 20);
  });

  it(`${RUNS / 5} runs with --debug: a stack trace is allowed, a crash is not`, async () => {
    await check(
      fc.asyncProperty(caseArb, (c) => runAnswered(c, true).then(() => undefined)),
      RUNS / 5,
    );
  });

  it.each([65, 2000, 6000, 9000, 12_000, 30_000, 100_000])('a body nested %i deep, with and without --debug, every provider', async (deep) => {
    for (const provider of PROVIDERS) {
      for (const status of [200, 500]) {
        for (const [debug, arrays] of [
          [false, false],
          [true, false],
          [true, true],
        ] as const) {
          await runAnswered({ provider, verb: 'list', answer: { status, headers: {}, body: { deep, arrays } }, output: ['-o', 'json'], tty: false }, debug);
        }
      }
    }
  });

  it.each(['codeup', 'oapi', 'codearts'] as const)(
    '%s: a server that ignores paging (a full page, forever) does not hang list (nor get, where get lists)',
    async (provider) => {
      const pageSize = 100;
      const hooks = Array.from({ length: pageSize }, (_, i) => ({ ...HOOKS[provider], [provider === 'codeup' ? 'Id' : 'id']: 50_000 + i }));
      const json = provider === 'codeup' ? { Success: true, Result: hooks, Total: 1_000_000 } : hooks;
      for (const verb of provider === 'codeup' ? ['list', 'get'] : ['list']) {
        const answer = { status: 200, headers: { 'x-total': '1000000', 'x-next-page': '2' }, body: { json } };
        const result = await runAnswered({ provider, verb, answer, output: [], tty: false }, false);
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/already listed: it does not seem to honour paging; stopped\nhint: /);
      }
    },
  );
});
