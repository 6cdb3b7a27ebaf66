import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HookSpec } from '../../../src/model/hook.js';
import { Secret } from '../../../src/model/secret.js';
import { fromWire as codeartsFromWire, toWire as codeartsToWire } from '../../../src/providers/codearts/mapping.js';
import { CodeArtsWireHookSchema } from '../../../src/providers/codearts/wire.js';
import { fromWire as ssFromWire, toWire as ssToWire } from '../../../src/providers/servicestage/mapping.js';
import { ServiceStageWireListSchema } from '../../../src/providers/servicestage/wire.js';
import { expectGolden, fixture } from './golden.js';

const fixtures = join(import.meta.dirname, '../../fixtures');

describe('CodeArts mapping (documented WebhookDto → normalized hook)', () => {
  for (const name of ['webhook-dto', 'webhook-dto-minimal']) {
    it(`${name}.json matches its golden file`, () => {
      const wire = CodeArtsWireHookSchema.parse(fixture(join(fixtures, 'codearts', `${name}.json`)));
      expectGolden(join(fixtures, 'codearts', `${name}.golden.json`), codeartsFromWire(wire));
    });
  }

  it.each<[HookSpec, object]>([
    [
      { url: 'u', name: 'n' },
      {
        url: 'u',
        name: 'n',
        push_events: true,
        push_events_branch_regex_filter: '.*',
        tag_push_events: false,
        merge_requests_events: false,
        note_events: false,
      },
    ],
    [
      { url: 'u', name: 'n', events: ['tag_push', 'note'], noteFilters: ['x'] },
      { url: 'u', name: 'n', push_events: false, tag_push_events: true, merge_requests_events: false, note_events: true, note_plain_text_filter: ['x'] },
    ],
    [
      { url: 'u', name: 'n', description: 'd', branchFilter: 'main', secret: new Secret('s') },
      {
        url: 'u',
        name: 'n',
        description: 'd',
        push_events: true,
        push_events_branch_regex_filter: 'main',
        tag_push_events: false,
        merge_requests_events: false,
        note_events: false,
        token: 's',
        token_type: 'X-Repo-Token',
      },
    ],
  ])('toWire(%o)', (spec, wire) => {
    expect(codeartsToWire(spec)).toEqual(wire);
  });
});

describe('ServiceStage mapping', () => {
  it('list-hooks.json matches its golden file', () => {
    const wire = ServiceStageWireListSchema.parse(fixture(join(fixtures, 'servicestage', 'list-hooks.json')));
    expectGolden(join(fixtures, 'servicestage', 'list-hooks.golden.json'), (wire.hooks ?? []).map(ssFromWire));
  });

  it('toWire sends exactly url and secret', () => {
    expect(ssToWire({ url: 'u', secret: new Secret('s') })).toEqual({ url: 'u', secret: 's' });
  });
});
