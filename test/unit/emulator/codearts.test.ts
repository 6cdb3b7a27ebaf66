import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../../src/emulator/handle.js';
import { bodyOf, huaweiRequest, testClock } from './requests.js';

const HOOKS = '/v4/groups/12345/hooks';
const valid = { url: 'https://example.com/hook', name: 'ci', push_events: true, push_events_branch_regex_filter: '.*' };

describe('CodeArts Repo v4 group hook emulation', () => {
  let emulator: Emulator;
  beforeEach(() => {
    emulator = createEmulator({ now: testClock().now });
  });
  const create = (body: unknown) => emulator.handle(huaweiRequest('POST', HOOKS, { body }));

  it('creates (201) a WebhookDto with the token masked and the default token_type', async () => {
    const res = await create({ ...valid, token: 'plain-secret', note_plain_text_filter: ['deploy'] });
    expect(res.status).toBe(201);
    const dto = await bodyOf(res);
    expect(dto).toMatchObject({
      id: 20001,
      url: valid.url,
      name: 'ci',
      push_events: true,
      push_events_branch_regex_filter: '.*',
      tag_push_events: false,
      note_plain_text_filter: ['deploy'],
      token: '******',
      token_type: 'X-Repo-Token',
      created_at: '2024-01-02T11:04:05.000+08:00',
    });
    expect(JSON.stringify(dto)).not.toContain('plain-secret');
    expect(emulator.store.snapshot().codearts['12345']?.[0]?.token).toBe('plain-secret');
  });

  it.each([
    ['url missing', { ...valid, url: undefined }, /url/],
    ['url not http', { ...valid, url: 'ftp://x' }, /url/],
    ['url too long', { ...valid, url: `https://e.com/${'a'.repeat(500)}` }, /url/],
    ['name missing', { ...valid, name: undefined }, /name/],
    ['name too long', { ...valid, name: 'n'.repeat(201) }, /name/],
    ['description too long', { ...valid, description: 'd'.repeat(201) }, /description/],
    ['no event', { url: valid.url, name: 'x', push_events: false }, /at least one/],
    ['branch filter missing', { url: valid.url, name: 'x', push_events: true }, /push_events_branch_regex_filter/],
    ['branch filter invalid', { ...valid, push_events_branch_regex_filter: '(' }, /push_events_branch_regex_filter/],
    ['too many note filters', { ...valid, note_plain_text_filter: Array(11).fill('a') }, /note_plain_text_filter/],
    ['note filter too long', { ...valid, note_plain_text_filter: ['a'.repeat(51)] }, /note_plain_text_filter/],
    ['token too long', { ...valid, token: 't'.repeat(2001) }, /token/],
    ['token_type too long', { ...valid, token_type: 't'.repeat(201) }, /token_type/],
    ['event not boolean', { ...valid, tag_push_events: 'yes' }, /tag_push_events/],
  ])('refuses %s with 400 and a CH code naming the field', async (_name, body, field) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    const error = await bodyOf(res);
    expect(error.error_code).toMatch(/^CH\./);
    expect(error.error_msg).toMatch(field);
  });

  it('accepts a tag-only hook without a branch filter', async () => {
    expect((await create({ url: valid.url, name: 'tags', tag_push_events: true })).status).toBe(201);
  });

  it('gets, updates (keeping the token) and deletes (204); unknown ids are 404 CH.00406026', async () => {
    const { id } = await bodyOf(await create({ ...valid, token: 'keep-me' }));
    const put = await emulator.handle(huaweiRequest('PUT', `${HOOKS}/${id}`, { body: { ...valid, name: 'renamed' } }));
    expect(put.status).toBe(200);
    expect(await bodyOf(put)).toMatchObject({ id, name: 'renamed', token: '******' });
    const got = await bodyOf(await emulator.handle(huaweiRequest('GET', `${HOOKS}/${id}`)));
    expect(got).toMatchObject({ name: 'renamed', event_cfgs: [] });
    const del = await emulator.handle(huaweiRequest('DELETE', `${HOOKS}/${id}`));
    expect(del.status).toBe(204);
    expect(await del.text()).toBe('');
    const missing = await emulator.handle(huaweiRequest('GET', `${HOOKS}/${id}`));
    expect(missing.status).toBe(404);
    expect(await bodyOf(missing)).toMatchObject({ error_code: 'CH.00406026' });
  });

  it('pages with offset/limit, a bare array and X-Total', async () => {
    for (let i = 0; i < 5; i++) await create({ ...valid, url: `https://example.com/${i}` });
    const res = await emulator.handle(huaweiRequest('GET', `${HOOKS}?offset=3&limit=10`));
    expect(res.headers.get('x-total')).toBe('5');
    const page = await bodyOf(res);
    expect(page.map((h: { url: string }) => h.url)).toEqual(['https://example.com/3', 'https://example.com/4']);
    expect((await bodyOf(await emulator.handle(huaweiRequest('GET', HOOKS)))).length).toBe(5);
    for (const query of ['limit=0', 'limit=101', 'offset=-1']) {
      expect((await emulator.handle(huaweiRequest('GET', `${HOOKS}?${query}`))).status).toBe(400);
    }
  });

  it('allows at most 20 hooks per group', async () => {
    for (let i = 0; i < 20; i++) expect((await create({ ...valid, url: `https://example.com/${i}` })).status).toBe(201);
    const res = await create(valid);
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error_msg).toMatch(/20/);
  });
});
