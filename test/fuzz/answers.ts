/**
 * Generated provider answers for the response fuzz: each provider's documented hook with fields
 * mutated or made hostile, error bodies, random JSON and bytes, truncated and deeply nested text.
 */
import fc from 'fast-check';
import { anyText } from './harness.js';

export type Provider = 'codeup' | 'oapi' | 'codearts' | 'servicestage' | 'codearts-iam';

export const TARGETS: Record<Provider, string> = {
  codeup: 'codeup:org/1',
  oapi: 'codeup:org/1',
  codearts: 'codearts:7',
  servicestage: 'servicestage:p/ns/repo',
  'codearts-iam': 'codearts:7',
};

/** One hook as each provider spells it (codeup.md, codearts.md, servicestage.md). */
export const HOOKS: Record<Provider, Record<string, unknown>> = {
  codeup: {
    Id: 10001,
    ProjectId: 1,
    Url: 'https://ci.example.com/h',
    PushEvents: true,
    TagPushEvents: false,
    MergeRequestsEvents: 'true',
    NoteEvents: false,
    EnableSslVerification: true,
    SecretToken: '******',
    Description: 'd',
    CreatedAt: '2024-01-01T00:00:00Z',
  },
  oapi: {
    id: 10001,
    repositoryId: 1,
    url: 'https://ci.example.com/h',
    pushEvents: true,
    tagPushEvents: false,
    mergeRequestsEvents: false,
    noteEvents: true,
    enableSSLVerification: true,
    token: '',
    description: 'd',
    createdAt: '2024-01-01T00:00:00Z',
  },
  codearts: {
    id: 20001,
    url: 'https://ci.example.com/h',
    name: 'ci',
    description: 'd',
    push_events: true,
    push_events_branch_regex_filter: '.*',
    tag_push_events: false,
    merge_requests_events: true,
    note_events: false,
    note_plain_text_filter: ['x'],
    token: '******',
    token_type: 'X-Repo-Token',
    created_at: '2024-01-01T00:00:00Z',
  },
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
  .array(fc.constantFrom('\u001b[31m', '\u001b]0;title\u0007', '\r', '\n', '\t', '\u0000', '\u0085', '\u009b2J', '\u2028', 'ok', 'https://x.example.com/'), {
    minLength: 1,
    maxLength: 6,
  })
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
export interface Deep {
  deep: number;
  arrays: boolean;
}

export type Body = { json: unknown } | { text: string } | { bytes: Uint8Array } | Deep;

function bodyArb(provider: Provider): fc.Arbitrary<Body> {
  const hook = mutated(HOOKS[provider]);
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.array(hook, { maxLength: 4 }), fc.boolean()).map(([hooks, single]) => ({ json: bodyFor(provider, hooks, single) })) },
    { weight: 2, arbitrary: fc.tuple(mutated(bodyFor(provider, [HOOKS[provider]], false) as Record<string, unknown>)).map(([json]) => ({ json })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.array(hostile(HOOKS[provider]), { minLength: 1, maxLength: 3 }), fc.boolean())
        .map(([hooks, single]) => ({ json: bodyFor(provider, hooks, single) })),
    },
    { weight: 2, arbitrary: ERROR_BODIES.map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ bytes })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(new Uint8Array([0xff, 0xfe, 0x22, 0xc3, 0x28]), new Uint8Array([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]))
        .map((bytes) => ({ bytes })),
    },
    { weight: 1, arbitrary: fc.tuple(fc.jsonValue(), fc.nat()).map(([v, cut]) => ({ text: (JSON.stringify(v) ?? '').slice(0, cut % 40) })) },
    // Depths around where JSON.parse still succeeds but naive recursion over the result overflows.
    {
      weight: 1,
      arbitrary: fc.record<Deep>({
        deep: fc.oneof(fc.constantFrom(65, 2000, 6000, 9000, 12_000), fc.integer({ min: 500, max: 100_000 })),
        arrays: fc.boolean(),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom({ text: '' }, { text: '<html><body>502 Bad Gateway</body></html>' }, { text: 'null' }, { text: `"${'z'.repeat(2_000_000)}"` }),
    },
  );
}

const encoder = new TextEncoder();

export function bytesOf(body: Body): Uint8Array {
  if ('bytes' in body) return body.bytes;
  if ('text' in body) return encoder.encode(body.text);
  if ('json' in body) return encoder.encode(JSON.stringify(body.json) ?? '');
  return encoder.encode(body.arrays ? `${'['.repeat(body.deep)}${']'.repeat(body.deep)}` : `${'{"a":'.repeat(body.deep)}1${'}'.repeat(body.deep)}`);
}

// Header values as HTTP can carry them: no CR, LF or NUL.
const headerValue = anyText.map((text) => text.replace(/[\r\n\u0000]/g, ''));

export const answerArb = (provider: Provider) =>
  fc.record({
    status: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(200, 201, 204, 400, 401, 403, 404, 409, 429, 500, 502, 503) },
      { weight: 1, arbitrary: fc.integer({ min: 100, max: 599 }) },
    ),
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
