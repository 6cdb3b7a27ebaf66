import { describe, expect, it } from 'vitest';
import { differences, findByUrl, normalizeUrl, sameUrl } from '../../../src/hooks/find.js';
import type { Hook } from '../../../src/model/hook.js';
import type { Target } from '../../../src/model/target.js';
import { fakeProvider } from '../../helpers/fake-provider.js';

const target: Target = { provider: 'codearts', groupId: '77' };

describe('normalizeUrl / sameUrl', () => {
  it.each([
    ['HTTPS://CI.Example.com/h', 'https://ci.example.com/h'],
    ['https://ci.example.com:443/h', 'https://ci.example.com/h'],
    ['http://ci.example.com:80/h', 'http://ci.example.com/h'],
    ['https://ci.example.com', 'https://ci.example.com/'],
  ])('%s is the same hook URL as %s', (a, b) => {
    expect(sameUrl(a, b)).toBe(true);
  });

  it.each([
    ['https://ci.example.com/H', 'https://ci.example.com/h'],
    ['https://ci.example.com/h?a=B', 'https://ci.example.com/h?a=b'],
    ['https://ci.example.com:8443/h', 'https://ci.example.com/h'],
    ['http://ci.example.com/h', 'https://ci.example.com/h'],
  ])('%s is not the same hook URL as %s (path, query, port and scheme count)', (a, b) => {
    expect(sameUrl(a, b)).toBe(false);
  });

  it('leaves text that is not a URL as it is', () => {
    expect(normalizeUrl('not a url')).toBe('not a url');
  });
});

describe('differences', () => {
  const hook: Hook = { id: '1', url: 'https://h/', events: ['push', 'tag_push'], branchFilter: '^main$', sslVerify: false };
  it('names events, filters and SSL verification that differ from the spec', () => {
    expect(differences(hook, { url: 'https://h/', events: ['push'] })).toEqual([
      'events push,tag_push (asked push)',
      'branch filter "^main$" (asked none)',
      'SSL verification off (asked on)',
    ]);
  });
  it('is empty when the hook delivers as asked (event order and default push do not count)', () => {
    expect(differences(hook, { url: 'https://h/', events: ['tag_push', 'push'], branchFilter: '^main$', sslVerify: false })).toEqual([]);
    expect(differences({ id: '2', url: 'https://h/', events: ['push'] }, { url: 'https://h/' })).toEqual([]);
  });
});

describe('differences and the defaults hookctl sends', () => {
  it('a hook read back with the `.*` branch and note filters hookctl sent by default differs in nothing', () => {
    const created: Hook = { id: '3', url: 'https://h/', events: ['push', 'note'], branchFilter: '.*', noteFilters: ['.*'] };
    expect(differences(created, { url: 'https://h/', events: ['push', 'note'] })).toEqual([]);
    expect(differences({ ...created, events: ['push'], noteFilters: undefined }, { url: 'https://h/' })).toEqual([]);
  });
  it('a real filter still differs from none, and a filter of an event not asked for is not compared', () => {
    const hook: Hook = { id: '4', url: 'https://h/', events: ['push', 'note'], branchFilter: '^main$', noteFilters: ['deploy'] };
    expect(differences(hook, { url: 'https://h/', events: ['push', 'note'] })).toEqual([
      'branch filter "^main$" (asked none)',
      'note filters deploy (asked (none))',
    ]);
    expect(differences({ ...hook, events: ['tag_push'] }, { url: 'https://h/', events: ['tag_push'] })).toEqual([]);
  });
});

describe('findByUrl', () => {
  it('finds a hook whose URL differs only in case of host and an explicit default port', async () => {
    const provider = fakeProvider('codearts', { hooks: { 'codearts:77': [{ id: '5', url: 'https://ci.example.com/h', events: ['push'] }] } });
    const match = await findByUrl(provider, target, 'HTTPS://CI.EXAMPLE.COM:443/h', { url: 'HTTPS://CI.EXAMPLE.COM:443/h', events: ['note'] });
    expect(match?.hook.id).toBe('5');
    expect(match?.differences).toEqual(['events push (asked note)']);
    expect(await findByUrl(provider, target, 'https://ci.example.com/other')).toBeUndefined();
  });
});
