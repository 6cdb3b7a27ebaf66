import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../src/http/redact.js';

describe('Redactor at scale', () => {
  it('masks a 10,000-character secret holding % and \\ in every spelling, next to a % URL', () => {
    const secret = 'k%9\\Q'.repeat(2000);
    const r = new Redactor();
    r.add(secret);
    const text = `a ${secret} b ${JSON.stringify(secret)} c ${encodeURIComponent(secret)} https://h.example/x%2Fy`;
    const out = r.scrub(text);
    expect(out).toBe('a ****** b "******" c ****** https://h.example/x%2Fy');
  });

  it('masks any of 5,000 registered secrets in plain and encoded text', () => {
    const r = new Redactor();
    const secrets = Array.from({ length: 5000 }, (_, i) => `hook-secret/${i}-${(i * 2654435761) % 99991}`);
    r.add(...secrets);
    const line = (s: string) => `u=https://ci.example/h?x=%2F ${s} ${encodeURIComponent(s)} ${JSON.stringify(s).replaceAll('/', '\\/')}`;
    for (const s of [secrets[0], secrets[2500], secrets[4999]] as string[])
      expect(r.scrub(line(s))).toBe('u=https://ci.example/h?x=%2F ****** ****** "******"');
  });

  it('fails closed with a fixed message when a hostile mix of secrets and text exceeds the work budget', () => {
    const r = new Redactor();
    // Every 12-character string of spaces and pluses: `+` reads as both, so each position keeps thousands of walks.
    for (let n = 0; n < 4096; n++) r.add([...n.toString(2).padStart(12, '0')].map((b) => (b === '1' ? '+' : ' ')).join(''));
    const error = (() => {
      try {
        r.scrub('+'.repeat(20000));
      } catch (caught) {
        return caught as Error;
      }
      return undefined;
    })();
    expect(error?.message).toBe('internal error: output could not be redacted, so it was not printed');
  });
});
