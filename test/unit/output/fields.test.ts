import { describe, expect, it } from 'vitest';
import { checkFields, OUTPUT_FIELDS, selectFields } from '../../../src/output/fields.js';

describe('--json field selection', () => {
  it('a hook has the model’s fields and its target (not the internal delivery status)', () => {
    expect(OUTPUT_FIELDS.hook).toEqual([
      'target',
      'id',
      'url',
      'name',
      'description',
      'events',
      'branchFilter',
      'noteFilters',
      'secret',
      'sslVerify',
      'createdAt',
    ]);
  });

  it('keeps exactly the fields asked for, in that order, absent ones as null', () => {
    const rows = [
      { target: 't', id: '1', url: 'u', events: [] },
      { target: 't', id: '2', url: 'v', name: 'n', events: [] },
    ];
    expect(selectFields(rows, ['url', 'name'])).toEqual([
      { url: 'u', name: null },
      { url: 'v', name: 'n' },
    ]);
  });

  it('an unknown field lists the available ones', () => {
    expect(() => checkFields('hook', ['id', 'nmae'], 'hookctl hooks list')).toThrow(/unknown field nmae; available: target, id, url, name,/);
    expect(() => checkFields(undefined, ['id'], 'hookctl plan')).toThrow('--json id: hookctl plan has no field list to select from');
    expect(() => checkFields('deleted', ['deleted', 'id'], 'x')).not.toThrow();
  });
});
