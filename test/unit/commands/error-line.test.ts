/** A provider's text quoted in an error is cut to a readable line, after scrubbing: never half a secret. */
import { describe, expect, it } from 'vitest';
import { errorLine, MAX_ERROR_LINE } from '../../../src/cli/report.js';
import { Redactor } from '../../../src/http/redact.js';

describe('errorLine', () => {
  it('leaves a short message alone', () => {
    expect(errorLine('P answered HTTP 400: hook not found', new Redactor())).toBe('P answered HTTP 400: hook not found');
  });

  it('cuts a 20 MB provider message to a readable line that says how much was left out', () => {
    const line = errorLine(`P answered HTTP 400 C: ${'word '.repeat(4_000_000)}`, new Redactor());
    expect(line.length).toBeLessThan(MAX_ERROR_LINE + 50);
    expect(line).toMatch(/^P answered HTTP 400 C: (word )+wo?r?d?… \(\d+ more characters\)$/);
  });

  it('a secret across the cut (even one holding quotes, = and spaces) never shows in part', () => {
    const secret = 'S3cr3t "q"=/+ with spaces 0123456789';
    const redactor = new Redactor();
    redactor.add(secret);
    for (let offset = MAX_ERROR_LINE - 40; offset <= MAX_ERROR_LINE + 5; offset++) {
      const line = errorLine(`${'x'.repeat(offset)}${secret}${'y'.repeat(1000)}`, redactor);
      expect(line).not.toContain('S3cr3t');
      expect(line).not.toContain('0123456789');
    }
  });
});
