import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HookSpec } from '../../../src/model/hook.js';
import { Secret } from '../../../src/model/secret.js';
import { fromWire, toWire } from '../../../src/providers/codeup-oapi/mapping.js';
import { OapiWireHookSchema } from '../../../src/providers/codeup-oapi/wire.js';
import { expectGolden, fixture } from './golden.js';

const dir = join(import.meta.dirname, '../../fixtures/codeup-oapi');

describe('Codeup Yunxiao OpenAPI mapping (documented hook JSON → normalized hook)', () => {
  for (const name of ['webhook', 'webhook-minimal', 'webhook-masked-token']) {
    it(`${name}.json matches its golden file`, () => {
      const wire = OapiWireHookSchema.parse(fixture(join(dir, `${name}.json`)));
      expectGolden(join(dir, `${name}.golden.json`), fromWire(wire));
    });
  }

  it('list-webhooks.json (a bare array) matches its golden file', () => {
    const wire = OapiWireHookSchema.array().parse(fixture(join(dir, 'list-webhooks.json')));
    expectGolden(join(dir, 'list-webhooks.golden.json'), wire.map(fromWire));
  });

  it('keeps a clear read-back token as a usable Secret, and a masked one as "set, value unknown"', () => {
    const clear = fromWire(OapiWireHookSchema.parse(fixture(join(dir, 'webhook.json'))));
    expect(clear.secret?.reveal()).toBe('hook-shared-token-1b9e');
    const masked = fromWire(OapiWireHookSchema.parse(fixture(join(dir, 'webhook-masked-token.json'))));
    expect(masked.secret?.isEmpty).toBe(true);
  });

  const base = { url: 'u', pushEvents: true, tagPushEvents: false, mergeRequestsEvents: false, noteEvents: false, enableSslVerification: true };
  it.each<[string, HookSpec, object]>([
    ['defaults: push only, TLS verified', { url: 'u' }, base],
    [
      'every event, TLS off',
      { url: 'u', events: ['note', 'merge_request', 'tag_push', 'push'], sslVerify: false },
      { ...base, tagPushEvents: true, mergeRequestsEvents: true, noteEvents: true, enableSslVerification: false },
    ],
    [
      'description and secret (request spelling enableSslVerification)',
      { url: 'u', events: ['tag_push'], description: 'd', secret: new Secret('s') },
      { ...base, pushEvents: false, tagPushEvents: true, description: 'd', token: 's' },
    ],
  ])('toWire: %s', (_, spec, wire) => {
    expect(toWire(spec)).toEqual(wire);
  });
});
