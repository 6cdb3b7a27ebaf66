import { describe, expect, it } from 'vitest';
import { GIT_HOST_DELIVERY } from '../../../src/deliveries/facts.js';
import { buildSample, wireFormat } from '../../../src/deliveries/samples.js';
import { detectFrom, verifyFrom } from '../../../src/deliveries/verify.js';
import type { ProviderId } from '../../../src/model/target.js';
import { detectProvider, sampleDelivery, summarize, verifyDelivery } from '../../../src/providers/deliveries.js';

const body = (text: string) => new TextEncoder().encode(text);
const lower = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
const sample = (provider: ProviderId, secret?: string, extra: Partial<Parameters<typeof sampleDelivery>[0]> = {}) =>
  sampleDelivery({ provider, event: 'push', secret, time: '2026-01-02T03:04:05Z', uuid: 'u-1', repository: 'acme/web', ...extra });

describe('verifyDelivery', () => {
  const cases: { name: string; provider: ProviderId; extra?: Partial<Parameters<typeof sampleDelivery>[0]>; header: string }[] = [
    { name: 'Codeup X-Codeup-Token', provider: 'codeup', header: 'x-codeup-token' },
    { name: 'CodeArts default X-Repo-Token', provider: 'codearts', header: 'x-repo-token' },
    { name: 'CodeArts token_type X-Gitlab-Token', provider: 'codearts', extra: { tokenHeader: 'X-Gitlab-Token' }, header: 'x-gitlab-token' },
    { name: 'ServiceStage GitHub HMAC', provider: 'servicestage', extra: { style: 'github' }, header: 'x-hub-signature-256' },
    { name: 'ServiceStage GitLab token', provider: 'servicestage', extra: { style: 'gitlab' }, header: 'x-gitlab-token' },
  ];
  for (const c of cases) {
    it(`${c.name}: the right secret verifies, a wrong one is refused, none is no-token`, () => {
      const good = sample(c.provider, 'right', c.extra);
      expect(verifyDelivery(lower(good.headers), body(good.body), { provider: c.provider, secrets: ['right'] })).toEqual({
        provider: c.provider,
        verdict: 'verified',
        via: c.header,
      });
      expect(verifyDelivery(lower(good.headers), body(good.body), { provider: c.provider, secrets: ['other'] }).verdict).toBe('bad-token');
      const none = sample(c.provider, undefined, c.extra);
      expect(verifyDelivery(lower(none.headers), body(none.body), { provider: c.provider, secrets: ['right'] }).verdict).toBe('no-token');
      // Told by the headers when --provider is not given.
      expect(verifyDelivery(lower(good.headers), body(good.body), { secrets: ['right'] }).verdict).toBe('verified');
    });
  }

  it('accepts any of several secrets (a rotation), and no secret means unchecked', () => {
    const d = sample('codeup', 'new');
    expect(verifyDelivery(lower(d.headers), body(d.body), { provider: 'codeup', secrets: ['old', 'new'] }).verdict).toBe('verified');
    expect(verifyDelivery(lower(d.headers), body(d.body), { provider: 'codeup', secrets: [] }).verdict).toBe('unchecked');
  });

  it('a GitHub signature over other bytes is refused (the body was changed)', () => {
    const d = sample('servicestage', 'k', { style: 'github' });
    expect(verifyDelivery(lower(d.headers), body(`${d.body} `), { provider: 'servicestage', secrets: ['k'] }).verdict).toBe('bad-token');
  });

  it('CodeArts with --token-header looks at that header only', () => {
    const d = sample('codearts', 's', { tokenHeader: 'X-Auth-Token' });
    expect(verifyDelivery(lower(d.headers), body(d.body), { provider: 'codearts', tokenHeader: 'X-Repo-Token', secrets: ['s'] }).verdict).toBe('no-token');
    expect(verifyDelivery(lower(d.headers), body(d.body), { provider: 'codearts', tokenHeader: 'X-Auth-Token', secrets: ['s'] }).verdict).toBe('verified');
  });

  it('detectProvider: Codeup, CodeArts and GitHub-style headers', () => {
    expect(detectProvider({ 'codeup-event': 'Push Hook' })).toBe('codeup');
    expect(detectProvider({ 'x-devcloud-event': 'Push Hook' })).toBe('codearts');
    expect(detectProvider({ 'x-github-event': 'push' })).toBe('servicestage');
    expect(detectProvider({ 'content-type': 'application/json' })).toBeUndefined();
  });
});

describe('summarize', () => {
  it('push: event, repository, ref and short commits', () => {
    const d = sample('codeup', 's');
    expect(summarize(lower(d.headers), body(d.body))).toEqual({
      event: 'push',
      repository: 'acme/web',
      ref: 'refs/heads/main',
      commits: ['9f2c1d7e', '1a2b3c4d'],
    });
  });
  it('GitHub pull request: the base branch', () => {
    const d = sample('servicestage', 's', { style: 'github', event: 'merge_request' });
    expect(summarize(lower(d.headers), body(d.body))).toMatchObject({ event: 'pull_request', repository: 'acme/web', ref: 'main' });
  });
  it('a body that is not JSON still gives a line', () => {
    expect(summarize({ 'x-codeup-event': 'Tag Push Hook' }, body('not json'))).toEqual({ event: 'Tag Push Hook', repository: '-', ref: '-', commits: [] });
  });
});

describe('sampleDelivery', () => {
  it('CodeArts carries uuid in the body and the event in X-Devcloud-Event (the only official sample)', () => {
    const d = sample('codearts', 's');
    expect(JSON.parse(d.body)).toMatchObject({ object_kind: 'push', uuid: 'u-1' });
    expect(d.headers['X-Devcloud-Event']).toBe('Push Hook');
    expect(d.headers['X-Repo-Token']).toBe('s');
  });
  it('Codeup tag push: refs/tags and the Tag Push Hook event', () => {
    const d = sample('codeup', 's', { event: 'tag_push', ref: 'v2' });
    expect(JSON.parse(d.body)).toMatchObject({ object_kind: 'tag_push', ref: 'refs/tags/v2' });
    expect(d.headers['X-Codeup-Event']).toBe('Tag Push Hook');
  });
});

describe('the delivery code is generic over the providers it is given', () => {
  // A provider the registry does not know: only its definition's `delivery` describes it.
  const senders = [{ id: 'forge', delivery: { formats: [GIT_HOST_DELIVERY.gitlab] as const, detect: ['X-Forge-Event'], summary: 'X-Gitlab-Token' } }] as const;
  const d = buildSample(wireFormat(GIT_HOST_DELIVERY.gitlab), { event: 'push', secret: 's', time: '2026-01-02T03:04:05Z', uuid: 'u-1' });

  it('detects it by its own headers and checks the secret where its format puts it', () => {
    expect(detectFrom(senders, { 'x-forge-event': 'Push Hook' })).toBe('forge');
    expect(verifyFrom(senders, lower(d.headers), body(d.body), { provider: 'forge', secrets: ['s'] })).toEqual({
      provider: 'forge',
      verdict: 'verified',
      via: 'x-gitlab-token',
    });
    expect(verifyFrom(senders, lower(d.headers), body(d.body), { provider: 'codeup', secrets: ['s'] })).toEqual({ provider: 'unknown', verdict: 'no-token' });
  });
});
