/** The safe-writes decorator on a scripted provider: what it looks at and what it reports. */
import { describe, expect, it } from 'vitest';
import { InterruptedError, NetworkError, ProviderError } from '../../src/errors.js';
import { CreateInterruptedError, doubtOf, OutcomeUnknownError, withSafeWrites } from '../../src/hooks/safe-create.js';
import { GoneOnRetryError } from '../../src/http/retry.js';
import { RequestInterruptedError } from '../../src/http/transport.js';
import type { Hook, HookSpec } from '../../src/model/hook.js';
import type { Target } from '../../src/model/target.js';
import type { Provider } from '../../src/providers/types.js';

const target: Target = { provider: 'codearts', groupId: '1' };
const spec: HookSpec = { url: 'https://ci.example.com/h', name: 'ci' };
const hook = (id: string, url = spec.url): Hook => ({ id, url, events: ['push'] }) as Hook;

function fake(options: { creates: (Hook | Error)[]; lists: (Hook[] | Error)[]; deletes?: (Error | undefined)[] }) {
  const calls: string[] = [];
  const provider = {
    id: 'codearts',
    label: 'Fake',
    async *list() {
      calls.push('list');
      const next = options.lists.shift() ?? [];
      if (next instanceof Error) throw next;
      yield* next;
    },
    async create() {
      calls.push('create');
      const next = options.creates.shift();
      if (!next || next instanceof Error) throw next ?? new Error('no more creates');
      return next;
    },
    async delete() {
      calls.push('delete');
      const next = options.deletes?.shift();
      if (next) throw next;
    },
  } as unknown as Provider;
  const notes: string[] = [];
  const waits: number[] = [];
  const safe = withSafeWrites(provider, {
    notice: (line) => notes.push(line),
    retry: { retries: 2, random: () => 0.5, sleep: async (ms) => void waits.push(ms) },
  });
  return { safe, provider, calls, notes, waits };
}

const reset = () => new NetworkError('h: connection closed before the response arrived');
const http = (status: number, providerCode?: string) => new ProviderError({ provider: 'Fake', status, providerCode });

describe('safe create', () => {
  it('classifies failures: only a doubtful one is looked into', () => {
    expect(doubtOf(reset())?.kind).toBe('maybe');
    expect(doubtOf(new NetworkError('refused', { sent: false }))).toBeUndefined();
    expect(doubtOf(http(502))?.kind).toBe('maybe');
    expect(doubtOf(http(201))?.kind).toBe('applied');
    expect(doubtOf(http(200, 'NOT_FOUND'))).toBeUndefined();
    expect(doubtOf(http(400))).toBeUndefined();
  });

  it('reports the newest hook with the URL as created', async () => {
    const { safe, calls, notes } = fake({ creates: [reset()], lists: [[hook('9'), hook('12'), hook('30', 'https://other.example.com')]] });
    expect((await safe.create(target, spec)).id).toBe('12');
    expect(calls).toEqual(['create', 'list']);
    expect(notes).toEqual([
      'Fake: the create request failed (h: connection closed before the response arrived), but hook 12 with this URL now exists: reporting it as created',
    ]);
  });

  it('never resends: it looks for the hook over the settle period (doubling pauses), then says the outcome is unknown (exit 6)', async () => {
    const { safe, calls, waits } = fake({ creates: [http(503)], lists: [[], [], [], [], []] });
    const error = await safe.create(target, spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).exitCode).toBe(6);
    expect((error as Error).message).toBe(
      'outcome unknown: the create request failed (HTTP 503) after it may have reached the server, and no hook with this URL appeared within 6 s',
    );
    expect((error as OutcomeUnknownError).hint).toContain('--if-not-exists');
    expect(calls).toEqual(['create', 'list', 'list', 'list', 'list', 'list']);
    expect(waits).toEqual([500, 1000, 2000, 2500]);
  });

  it('a hook that shows up during the settle period is reported as created', async () => {
    const { safe, calls, waits, notes } = fake({ creates: [reset()], lists: [[], [], [hook('5')]] });
    expect((await safe.create(target, spec)).id).toBe('5');
    expect(calls).toEqual(['create', 'list', 'list', 'list']);
    expect(waits).toEqual([500, 1000]);
    expect(notes[0]).toMatch(/but hook 5 with this URL now exists: reporting it as created$/);
  });

  it('the settle period comes from deps', async () => {
    const waits: number[] = [];
    const { provider } = fake({ creates: [reset()], lists: [] });
    const safe = withSafeWrites(provider, { settle: { totalMs: 300, firstDelayMs: 100 }, retry: { sleep: async (ms) => void waits.push(ms) } });
    await expect(safe.create(target, spec)).rejects.toThrow('appeared within 0 s');
    expect(waits).toEqual([100, 200]);
  });

  it('an unreadable 2xx is never resent', async () => {
    const { safe, calls } = fake({ creates: [http(201)], lists: [[], [], [], [], []] });
    await expect(safe.create(target, spec)).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(calls.filter((c) => c === 'create')).toHaveLength(1);
  });

  it('when the check itself fails, the outcome is unknown and the user is told to look', async () => {
    const { safe } = fake({ creates: [reset()], lists: [http(500)] });
    await expect(safe.create(target, spec)).rejects.toThrow(
      /^outcome unknown: the create request failed \(h: connection closed before the response arrived\) after it may have reached the server, and listing the hooks to check failed \(Fake answered HTTP 500\)$/,
    );
    const interrupted = fake({ creates: [reset()], lists: [new InterruptedError('interrupted')] });
    const error = await interrupted.safe.create(target, spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CreateInterruptedError);
    expect((error as CreateInterruptedError).requestSent).toBe(true);
  });

  it('Ctrl-C on the create itself says whether the request had left', async () => {
    for (const sent of [true, false]) {
      const { safe } = fake({ creates: [new RequestInterruptedError('POST', sent)], lists: [] });
      const error = await safe.create(target, spec).catch((e: unknown) => e);
      expect((error as CreateInterruptedError).requestSent).toBe(sent);
    }
    const waiting = fake({ creates: [new InterruptedError('interrupted')], lists: [] });
    expect(((await waiting.safe.create(target, spec).catch((e: unknown) => e)) as CreateInterruptedError).requestSent).toBe(false);
  });

  it('a refused create is not looked into', async () => {
    const { safe, calls } = fake({ creates: [http(400)], lists: [] });
    await expect(safe.create(target, spec)).rejects.toThrow('HTTP 400');
    expect(calls).toEqual(['create']);
  });

  it('a delete whose retry found the hook gone is reported as deleted', async () => {
    const { safe, notes } = fake({ creates: [], lists: [], deletes: [new GoneOnRetryError('/hooks/7', 'HTTP 502')] });
    await safe.delete(target, '7');
    expect(notes).toEqual(['Fake: the delete of hook 7 was repeated after HTTP 502, and the hook is gone: reporting it as deleted']);
  });
});

describe('safe create: a hook that existed before is not taken for the new one', () => {
  const dated = (id: string, createdAt: string): Hook => ({ ...hook(id), createdAt });

  it('a same-URL hook the provider dates to an hour ago is ignored: the new one is looked for', async () => {
    const old = dated('7', new Date(Date.now() - 3_600_000).toISOString());
    const { safe, calls } = fake({ creates: [reset()], lists: [[old], [old, hook('41')]] });
    expect((await safe.create(target, spec)).id).toBe('41');
    expect(calls).toEqual(['create', 'list', 'list']);
  });

  it('a hook named as existing (the one a replace is about to delete) is never taken for the new one', async () => {
    const recent = dated('7', new Date(Date.now() - 60_000).toISOString());
    const { safe, calls } = fake({ creates: [reset()], lists: [[recent], [recent, hook('42')]] });
    expect((await safe.create(target, spec, { existing: ['7'] })).id).toBe('42');
    expect(calls).toEqual(['create', 'list', 'list']);
    const none = fake({ creates: [http(500)], lists: [[hook('7')], [hook('7')], [hook('7')], [hook('7')], [hook('7')]] });
    await expect(none.safe.create(target, spec, { existing: ['7'] })).rejects.toThrow(/no hook with this URL \(other than hook 7\) appeared within 6 s$/);
  });

  it('a recent one (within the clock-skew allowance) or an undated one still counts', async () => {
    const recent = fake({ creates: [reset()], lists: [[dated('8', new Date(Date.now() - 60_000).toISOString())]] });
    expect((await recent.safe.create(target, spec)).id).toBe('8');
    // A bare local time (no zone) cannot be compared safely: it is treated as possibly new.
    const bare = fake({ creates: [reset()], lists: [[dated('9', '2001-01-01 00:00:00')]] });
    expect((await bare.safe.create(target, spec)).id).toBe('9');
  });
});
