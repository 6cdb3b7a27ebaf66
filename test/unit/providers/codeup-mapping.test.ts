import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HookSpec } from '../../../src/model/hook.js';
import { Secret } from '../../../src/model/secret.js';
import { fromWire, toWire } from '../../../src/providers/codeup-v3/mapping.js';
import { CodeupEnvelopeSchema, CodeupWireHookSchema } from '../../../src/providers/codeup-v3/wire.js';
import { expectGolden, fixture } from './golden.js';

const dir = join(import.meta.dirname, '../../fixtures/codeup');
const envelope = (name: string) => CodeupEnvelopeSchema.parse(fixture(join(dir, `${name}.json`)));

describe('Codeup v3 mapping (documented PascalCase envelope → normalized hook)', () => {
  it('add-webhook.json (Success as the string "true") matches its golden file', () => {
    const body = envelope('add-webhook');
    expect(body.Success).toBe(true);
    expectGolden(join(dir, 'add-webhook.golden.json'), fromWire(CodeupWireHookSchema.parse(body.Result)));
  });

  it('list-webhooks.json matches its golden file', () => {
    const body = envelope('list-webhooks');
    expect(body.Success).toBe(true);
    expectGolden(join(dir, 'list-webhooks.golden.json'), CodeupWireHookSchema.array().parse(body.Result).map(fromWire));
  });

  const base = { url: 'u', push_events: true, tag_push_events: false, merge_requests_events: false, note_events: false, enable_ssl_verification: true };
  it.each<[string, HookSpec, object]>([
    ['defaults: push only, TLS verified', { url: 'u' }, base],
    [
      'merge requests and notes, TLS off (merge_requests_events spelled correctly)',
      { url: 'u', events: ['merge_request', 'note'], sslVerify: false },
      { ...base, push_events: false, merge_requests_events: true, note_events: true, enable_ssl_verification: false },
    ],
    [
      'description and secret_token',
      { url: 'u', events: ['push', 'tag_push'], description: 'd', secret: new Secret('s') },
      { ...base, tag_push_events: true, description: 'd', secret_token: 's' },
    ],
  ])('toWire: %s', (_, spec, wire) => {
    expect(toWire(spec)).toEqual(wire);
  });
});
