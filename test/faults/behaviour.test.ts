/**
 * The retry settings and the edges of the fault suite, in process: timeouts (real, short), where
 * --retries comes from, what --debug shows, Ctrl-C during a wait, and a throttled bulk list.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyDir } from '../helpers/cli.js';
import { argvFor, NEW_URL, PROVIDERS, SEED_URL, useFaultRig } from './harness.js';

const rig = useFaultRig();
const codearts = PROVIDERS.find((p) => p.name === 'codearts');
if (!codearts) throw new Error('no codearts case');

// undici checks its timeouts on a coarse clock (about every 500 ms), so --timeout 300 fires after
// roughly one second; the faults wait longer than that.
describe('timeouts (the connection stays open, the answer is late)', () => {
  for (const p of PROVIDERS) {
    it(`${p.name}: a list that times out is retried and succeeds`, async () => {
      await rig.seed(p);
      rig.faults('latency:ms=2500,method=GET');
      const out = await rig.run([...argvFor('list', p, ''), '--timeout', '300']);
      expect(out.code, out.stderr).toBe(0);
      expect(out.attempts('GET')).toBe(2);
      expect(JSON.parse(out.stdout)).toEqual([expect.objectContaining({ url: SEED_URL })]);
    });

    it(`${p.name}: a create whose answer times out after it was applied is reported as created, once`, async () => {
      rig.faults('slow-body:ms=2500,method=POST');
      const out = await rig.run([...argvFor('create', p, ''), '--timeout', '300']);
      expect(out.code, out.stderr).toBe(0);
      expect(out.stderr).toMatch(/timed out: no complete answer within 300 ms\), but hook \S+ with this URL now exists: reporting it as created/);
      expect(out.attempts('POST')).toBe(1);
      expect(p.urls(rig.emu().emulator.store)).toEqual([NEW_URL]);
      expect(JSON.parse(out.stdout)).toMatchObject({ url: NEW_URL });
    });
  }
});

describe('--retries and the config key retries', () => {
  const list = ['hooks', 'list', 'codearts:77'];

  it('defaults to 3 retries (4 attempts)', async () => {
    rig.faults('503:times=all');
    const out = await rig.run(list);
    expect(out.code).toBe(1);
    expect(out.attempts('GET')).toBe(4);
  });

  it('the config file sets it; the flag wins over the config file', async () => {
    const cwd = emptyDir();
    writeFileSync(join(cwd, '.hookctlrc.json'), JSON.stringify({ retries: 0 }));
    rig.faults('503:times=all');
    expect((await rig.run(list, { cwd })).attempts('GET')).toBe(1);
    expect((await rig.run([...list, '--retries', '2'], { cwd })).attempts('GET')).toBe(3);
  });

  it.each(['11', '-1', '1.5', 'many', ''])('--retries %j is a usage error (exit 2), nothing sent', async (value) => {
    const out = await rig.run([...list, '--retries', value]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--retries: must be a whole number from 0 to 10');
    expect(out.attempts('GET')).toBe(0);
  });

  it('--debug logs each retry with its reason and wait', async () => {
    rig.faults('503:times=1', '429:retry-after=2');
    const out = await rig.run([...list, '--debug']);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('[debug] retry 1/3: GET /v4/groups/77/hooks failed (HTTP 503); waiting 250 ms');
    expect(out.stderr).toContain('[debug] retry 2/3: GET /v4/groups/77/hooks failed (HTTP 429); waiting 2000 ms as Retry-After asks');
    expect(out.sleeps).toEqual([250, 2000]);
  });

  it('a 401 is never retried (a refused Huawei signature counts towards locking the key)', async () => {
    rig.faults('401:times=all');
    const out = await rig.run(list);
    expect(out.code).toBe(4);
    expect(out.attempts('GET')).toBe(1);
  });
});

describe('Ctrl-C and bulk runs', () => {
  it('Ctrl-C during a retry wait stops at once: exit 130, nothing more sent', async () => {
    const controller = new AbortController();
    const sleep = (_ms: number, signal?: AbortSignal) =>
      new Promise<void>((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        controller.abort(new Error('interrupted'));
      });
    rig.faults('429:retry-after=30,times=all');
    const started = Date.now();
    const out = await rig.run(['hooks', 'list', 'codearts:77'], { signal: controller.signal, sleep });
    expect(out.code).toBe(130);
    expect(out.stderr).toContain('interrupted');
    expect(out.attempts('GET')).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a bulk list rides out throttling on some targets: every target listed', async () => {
    rig.faults('429:retry-after=1,times=3,path=/groups/(2|3)/');
    const out = await rig.run(['hooks', 'list', 'codearts:1', 'codearts:2', 'codearts:3', '--json']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.attempts('GET')).toBe(6);
    expect(out.sleeps.filter((ms) => ms === 1000)).toHaveLength(3);
  });

  it('reset-after on every create of a replace-style update: one hook, the new one', async () => {
    const servicestage = PROVIDERS.find((p) => p.name === 'servicestage');
    if (!servicestage) throw new Error('no servicestage case');
    const id = await rig.seed(servicestage);
    rig.faults('reset-after:method=POST,times=all');
    const out = await rig.run(argvFor('update', servicestage, id));
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/reporting it as created/);
    expect(servicestage.urls(rig.emu().emulator.store)).toEqual(['https://ci.example.com/moved']);
  });

  it('a rate fault with a seed fails the same requests each run', async () => {
    const outcomes = async () => {
      rig.emu().emulator.faults.clear();
      rig.emu().emulator.faults.seed(5);
      rig.faults('rate=0.5:503,method=GET');
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await rig.run(['hooks', 'list', 'codearts:77', '--retries', '0'])).code);
      return codes;
    };
    const first = await outcomes();
    expect(await outcomes()).toEqual(first);
    expect(codearts).toBeDefined();
  });
});
