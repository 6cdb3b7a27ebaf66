import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { specFromHook } from '../../../src/model/hook.js';
import { Secret } from '../../../src/model/secret.js';

describe('Secret', () => {
  const secret = new Secret('hunter2-very-secret');

  it('prints as ****** through every route a value takes to the screen', () => {
    expect(String(secret)).toBe('******');
    expect(`${secret}`).toBe('******');
    expect(JSON.stringify({ secret })).toBe('{"secret":"******"}');
    expect(inspect({ nested: { secret } })).not.toContain('hunter2');
    expect(secret.reveal()).toBe('hunter2-very-secret');
  });

  it('an empty Secret means "set, value unknown" and is not carried into a spec', () => {
    const spec = specFromHook({ id: '1', url: 'https://x.example.com', events: ['push'], secret: new Secret('') });
    expect(spec.secret).toBeUndefined();
    const known = specFromHook({ id: '1', url: 'https://x.example.com', events: ['push'], secret });
    expect(known.secret?.reveal()).toBe('hunter2-very-secret');
  });
});
