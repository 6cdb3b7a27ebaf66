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
import { anyText, check, expectClean, RUNS, runCase, PROPERTY_TIMEOUT_MS } from './harness.js';
import { FAKE_ENDPOINT, type ScriptedAnswer, scriptedTransport } from './transport.js';

type Provider = 'codeup' | 'oapi' | 'codearts' | 'servicestage' | 'codearts-iam';

const TARGETS: Record<Provider, string> = {
  codeup: 'codeup:org/1',
  oapi: 'codeup:org/1',
  codearts: 'codearts:7',
  servicestage: 'servicestage:p/ns/repo',
  'codearts-iam': 'codearts:7',
};

/** One hook as each provider spells it (codeup.md, codearts.md, servicestage.md). */
const HOOKS: Record<Provider, Record<string, unknown>> = {
  codeup: { Id: 10001, ProjectId: 1, Url: 'https://ci.example.com/h', PushEvents: true, TagPushEvents: false, MergeRequestsEvents: 'true', NoteEvents: false, EnableSslVerification: true, SecretToken: '******', Description: 'd', CreatedAt: '2024-01-01T00:00:00Z' },
  oapi: { id: 10001, repositoryId: 1, url: 'https://ci.example.com/h', pushEvents: true, tagPushEvents: false, mergeRequestsEvents: false, noteEvents: true, enableSSLVerification: true, token: '', description: 'd', createdAt: '2024-01-01T00:00:00Z' },
  codearts: { id: 20001, url: 'https://ci.example.com/h', name: 'ci', description: 'd', push_events: true, push_events_branch_regex_filter: '.*', tag_push_events: false, merge_requests_events: true, note_events: false, note_plain_text_filter: ['x'], token: '******', token_type: 'X-Repo-Token', created_at: '2024-01-01T00:00:00Z' },
  servicestage: { id: 'h-1', type: 'push', callback_url: 'https://ci.example.com/h' },
  'codearts-iam': { id: 20001, url: 'https://ci.example.com/h', name: 'ci', push_events: true },
};
HOOKS['codearts-iam'] = HOOKS.codearts;

/** A JSON value in place of a field: the wrong type, null, huge, hostile text, nested. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  anyText,
  fc.constantFrom(null, true, false, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, '', '******', 'true', '10001', '\u001b[31mred\u001b[0m', 'line1\nline2'),
  fc.nat({ max: 300_000 }).map((n) => 'y'.repeat(n)),
  fc.jsonValue({ maxDepth: 3 }),
);

/** The template with some fields replaced or deleted. */
function mutated(template: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(template);
  return fc
    .tuple(fc.subarray(keys), fc.subarray(keys), fc.array(oddValue, { minLength: keys.length, maxLength: keys.length }))
    .map(([replace, remove, values]) => {
      const out: Record<string, unknown> = { ...template };
      replace.forEach((key, i) => {
        out[key] = values[i];
      });
      for (const key of remove) delete out[key];
      return out;
    });
}

/** Text a terminal would act on: escape sequences, bells, carriage returns, newlines, C1 controls. */
const hostileText = fc
  .array(fc.constantFrom('\u001b[31m', '\u001b]0;title\u0007', '\r', '\n', '\t', '\u0000', '\u0085', '\u009b2J', '\u2028', 'ok', 'https://x.example.com/'), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(''));

/** The template with the right types everywhere, but hostile text in some of its strings. */
function hostile(template: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(template).filter((key) => typeof template[key] === 'string');
  return fc.tuple(fc.subarray(keys, { minLength: 1 }), fc.array(hostileText, { minLength: keys.length, maxLength: keys.length })).map(([chosen, texts]) => {
    const out: Record<string, unknown> = { ...template };
    chosen.forEach((key, i) => {
      out[key] = texts[i];
    });
    return out;
  });
}

/** Wraps hooks the way each provider's list and single answers do. */
function bodyFor(provider: Provider, hooks: unknown[], single: boolean): unknown {
  switch (provider) {
    case 'codeup':
      return { RequestId: 'req-1', Success: true, Result: single ? hooks[0] : hooks, Total: hooks.length };
    case 'servicestage':
      return single ? hooks[0] : { hooks };
    default:
      return single ? hooks[0] : hooks;
  }
}

const ERROR_BODIES = fc.oneof(
  fc.record({ error_code: oddValue, error_msg: oddValue, request_id: oddValue }, { requiredKeys: [] }),
  fc.record({ code: oddValue, message: oddValue }, { requiredKeys: [] }),
  fc.record({ errorCode: oddValue, errorMessage: oddValue, requestId: oddValue }, { requiredKeys: [] }),
  fc.record({ RequestId: oddValue, Success: oddValue, ErrorCode: oddValue, ErrorMessage: oddValue, Code: oddValue, Message: oddValue }, { requiredKeys: [] }),
  fc.record({ error: fc.oneof(oddValue, fc.record({ code: oddValue, message: oddValue }, { requiredKeys: [] })) }),
);

/** How deep, so the counterexample stays short; the text is built when the answer is. */
interface Deep {
  deep: number;
  arrays: boolean;
}

type Body = { json: unknown } | { text: string } | { bytes: Uint8Array } | Deep;

function bodyArb(provider: Provider): fc.Arbitrary<Body> {
  const hook = mutated(HOOKS[provider]);
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.array(hook, { maxLength: 4 }), fc.boolean()).map(([hooks, single]) => ({ json: bodyFor(provider, hooks, single) })) },
    { weight: 2, arbitrary: fc.tuple(mutated(bodyFor(provider, [HOOKS[provider]], false) as Record<string, unknown>)).map(([json]) => ({ json })) },
    { weight: 2, arbitrary: fc.tuple(fc.array(hostile(HOOKS[provider]), { minLength: 1, maxLength: 3 }), fc.boolean()).map(([hooks, single]) => ({ json: bodyFor(provider, hooks, single) })) },
    { weight: 2, arbitrary: ERROR_BODIES.map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ bytes })) },
    { weight: 1, arbitrary: fc.constantFrom(new Uint8Array([0xff, 0xfe, 0x22, 0xc3, 0x28]), new Uint8Array([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d])).map((bytes) => ({ bytes })) },
    { weight: 1, arbitrary: fc.tuple(fc.jsonValue(), fc.nat()).map(([v, cut]) => ({ text: (JSON.stringify(v) ?? '').slice(0, cut % 40) })) },
    // Depths around where JSON.parse still succeeds but naive recursion over the result overflows.
    { weight: 1, arbitrary: fc.record<Deep>({ deep: fc.oneof(fc.constantFrom(65, 2000, 6000, 9000, 12_000), fc.integer({ min: 500, max: 100_000 })), arrays: fc.boolean() }) },
    { weight: 1, arbitrary: fc.constantFrom({ text: '' }, { text: '<html><body>502 Bad Gateway</body></html>' }, { text: 'null' }, { text: `"${'z'.repeat(2_000_000)}"` }) },
  );
}

const encoder = new TextEncoder();

function bytesOf(body: Body): Uint8Array {
  if ('bytes' in body) return body.bytes;
  if ('text' in body) return encoder.encode(body.text);
  if ('json' in body) return encoder.encode(JSON.stringify(body.json) ?? '');
  return encoder.encode(body.arrays ? `${'['.repeat(body.deep)}${']'.repeat(body.deep)}` : `${'{"a":'.repeat(body.deep)}1${'}'.repeat(body.deep)}`);
}

// Header values as HTTP can carry them: no CR, LF or NUL.
const headerValue = anyText.map((text) => text.replace(/[\r\n\u0000]/g, ''));

const answerArb = (provider: Provider) =>
  fc.record({
    status: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(200, 201, 204, 400, 401, 403, 404, 409, 429, 500, 502, 503) }, { weight: 1, arbitrary: fc.integer({ min: 100, max: 599 }) }),
    headers: fc.record(
      {
        'x-request-id': headerValue,
        'x-acs-request-id': headerValue,
        'x-total': fc.oneof(headerValue, fc.nat().map(String)),
        'x-next-page': fc.oneof(headerValue, fc.constantFrom('', '2')),
        'retry-after': fc.oneof(headerValue, fc.constantFrom('0', '1', '-5', '99999999')),
        'x-subject-token': fc.constantFrom('iam-token-from-fuzz', ''),
        'content-type': fc.constantFrom('application/json', 'text/html'),
      },
      { requiredKeys: [] },
    ),
    body: bodyArb(provider),
  });

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
    create: ['hooks', 'create', target, '--url', 'https://ci.example.com/h', ...(provider.startsWith('codearts') ? ['--name', 'ci'] : []), '--secret-env', 'HOOK_SECRET'],
    update: ['hooks', 'update', target, '10001', '--url', 'https://ci.example.com/new'],
    delete: ['hooks', 'delete', target, '10001', '--yes'],
  }[verb] as string[];
  return provider === 'oapi' ? [...base, '--codeup-mode', 'oapi'] : base;
}

const PROVIDERS: Provider[] = ['codeup', 'oapi', 'codearts', 'servicestage', 'codearts-iam'];
const caseArb = fc
  .constantFrom(...PROVIDERS)
  .chain((provider) =>
    fc.record({
      provider: fc.constant(provider),
      verb: fc.constantFrom('list', 'bulk', 'get', 'create', 'update', 'delete'),
      answer: answerArb(provider),
      output: fc.constantFrom<string[]>([], ['-o', 'json'], ['-o', 'yaml']),
      tty: fc.boolean(),
    }),
  );

async function runAnswered(c: { provider: Provider; verb: string; answer: { status: number; headers: Record<string, string>; body: Body }; output: string[]; tty: boolean }, debug: boolean) {
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
    await check(fc.asyncProperty(caseArb, (c) => runAnswered(c, true).then(() => undefined)), RUNS / 5);
  });

  it.each([65, 2000, 6000, 9000, 12_000, 30_000, 100_000])('a body nested %i deep, with and without --debug, every provider', async (deep) => {
    for (const provider of PROVIDERS) {
      for (const status of [200, 500]) {
        for (const [debug, arrays] of [[false, false], [true, false], [true, true]] as const) {
          await runAnswered({ provider, verb: 'list', answer: { status, headers: {}, body: { deep, arrays } }, output: ['-o', 'json'], tty: false }, debug);
        }
      }
    }
  });

  it.each(['codeup', 'oapi', 'codearts'] as const)('%s: a server that ignores paging (a full page, forever) does not hang list (nor get, where get lists)', async (provider) => {
    const pageSize = 100;
    const hooks = Array.from({ length: pageSize }, (_, i) => ({ ...HOOKS[provider], [provider === 'codeup' ? 'Id' : 'id']: 50_000 + i }));
    const json = provider === 'codeup' ? { Success: true, Result: hooks, Total: 1_000_000 } : hooks;
    for (const verb of provider === 'codeup' ? ['list', 'get'] : ['list']) {
      const answer = { status: 200, headers: { 'x-total': '1000000', 'x-next-page': '2' }, body: { json } };
      const result = await runAnswered({ provider, verb, answer, output: [], tty: false }, false);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/already listed: it does not seem to honour paging; stopped\nhint: /);
    }
  });
});
