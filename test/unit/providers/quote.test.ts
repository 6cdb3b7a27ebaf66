/** A provider's text quoted in an error: cut to a readable length, never through a token. */
import { describe, expect, it } from 'vitest';
import { MAX_QUOTE, providerError, quoteProviderText } from '../../../src/providers/errors.js';

describe('quoteProviderText', () => {
  it('leaves short text alone', () => {
    expect(quoteProviderText('hook not found', 300)).toBe('hook not found');
    expect(quoteProviderText(undefined, 300)).toBeUndefined();
  });

  it('cuts long text at the last word boundary before the limit and says how long it was', () => {
    expect(quoteProviderText('aaaa bbbb cccc', 7)).toBe('aaaa… (14 characters in all)');
    expect(quoteProviderText('aaaa bbbb cccc', 9)).toBe('aaaa bbbb… (14 characters in all)');
  });

  it('never keeps part of a token (a secret cut in two could not be scrubbed)', () => {
    const secret = 'S3cr3tT0k3nValue0123456789';
    const text = `${'x '.repeat(140)}token=${secret} and more`;
    const quoted = quoteProviderText(text, 290) ?? '';
    expect(quoted).not.toContain(secret.slice(0, 4));
    expect(quoteProviderText('y'.repeat(1000), 300)).toBe('… (1000 characters in all)');
  });

  it('applies to every provider error: a 20 MB message is quoted in about 300 characters', () => {
    const error = providerError({ provider: 'P', status: 400, providerCode: 'C', providerMessage: 'word '.repeat(4_000_000) });
    expect(error.message.length).toBeLessThan(MAX_QUOTE + 80);
    expect(error.message).toMatch(/^P answered HTTP 400 C: word word .*word… \(20000000 characters in all\)$/);
  });
});
