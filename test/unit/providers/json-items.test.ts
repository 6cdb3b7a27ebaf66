import { describe, expect, it } from 'vitest';
import { jsonItemCounter } from '../../../src/providers/json-items.js';

/** The count after feeding `text` in chunks of `size` bytes. */
function count(text: string, size = 3): number {
  let last = 0;
  const feed = jsonItemCounter((n) => {
    last = n;
  });
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) feed(bytes.subarray(i, i + size));
  return last;
}

describe('jsonItemCounter', () => {
  it('counts the items of a bare array and of the array in the top-level object, in any chunking', () => {
    expect(count('[]')).toBe(0);
    expect(count(' [ ] ')).toBe(0);
    expect(count('[{"id":1},{"id":2},3,"x"]')).toBe(4);
    expect(count('{"RequestId":"a","Result":[{"Id":1},{"Id":2}],"Total":2}', 1)).toBe(2);
    expect(count('{"hooks":[]}')).toBe(0);
  });

  it('ignores nested arrays and objects, and structural characters inside strings', () => {
    expect(count('[{"events":[1,2,3],"a":{"b":[4,5]}},{"name":"x,y],[\\"z\\",{"}]')).toBe(2);
    expect(count('{"Result":[{"Id":1,"Tags":["a","b"]}],"Other":{"list":[1,2,3]}}')).toBe(1);
    expect(count('[[1,2],[3]]')).toBe(2);
    // Multi-byte characters never look like structure.
    expect(count('["一,二",{"名":"]"}]', 1)).toBe(2);
  });

  it('reports each item as it starts, so a reader can stop before the rest arrives', () => {
    const seen: number[] = [];
    const feed = jsonItemCounter((n) => {
      seen.push(n);
      if (n > 2) throw new Error('too many');
    });
    feed(new TextEncoder().encode('[{"id":1},{"id":2},'));
    expect(() => feed(new TextEncoder().encode('{"id":3'))).toThrow('too many');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('keeps no more than a few numbers, whatever the nesting', () => {
    expect(count(`[${'['.repeat(100_000)}${']'.repeat(100_000)},1]`, 4096)).toBe(2);
  });
});
