import { describe, expect, it } from 'vitest';
import { createHttpClient, joinUrl } from '../../../src/http/client.js';
import { Redactor } from '../../../src/http/redact.js';
import type { AuthStep, HttpRequest, HttpResponse } from '../../../src/http/types.js';

const ok = (status = 200): HttpResponse => ({ status, headers: {}, body: new TextEncoder().encode('{"token":"resp-secret"}') });

function recorder(responses: HttpResponse[]) {
  const seen: HttpRequest[] = [];
  return {
    seen,
    transport: async (req: HttpRequest) => {
      seen.push(req);
      return responses.shift() ?? ok();
    },
  };
}

const headerAuth = (value: () => string, renew?: () => Promise<boolean>): AuthStep => ({
  name: 'test',
  authorize: async (req) => {
    req.headers['x-auth-token'] = value();
  },
  preview: (req) => {
    req.headers['x-auth-token'] = 'preview';
  },
  secrets: () => [value()],
  renew,
});

describe('http client', () => {
  it('keeps a base path prefix and encodes the query', () => {
    expect(joinUrl(new URL('https://h.example.com/prefix/'), '/v4/x').toString()).toBe('https://h.example.com/prefix/v4/x');
  });

  it('serializes JSON once and authorizes last, over the final bytes', async () => {
    const { seen, transport } = recorder([ok()]);
    const auth: AuthStep = {
      ...headerAuth(() => 'tok-1'),
      authorize: async (req) => {
        req.headers['x-body'] = new TextDecoder().decode(req.body);
      },
    };
    const http = createHttpClient({ baseUrl: new URL('https://h.example.com'), transport, auth, redactor: new Redactor() });
    await http.send({ method: 'POST', path: '/a', query: { b: 1, skip: undefined }, json: { k: 'v' } });
    expect(seen[0]?.url.toString()).toBe('https://h.example.com/a?b=1');
    expect(seen[0]?.headers['x-body']).toBe('{"k":"v"}');
  });

  it('renews once after a 401 when the auth step can, never more', async () => {
    let token = 'old';
    let renewals = 0;
    const { seen, transport } = recorder([ok(401), ok(401), ok(401)]);
    const auth = headerAuth(
      () => token,
      async () => {
        token = `new-${++renewals}`;
        return true;
      },
    );
    const http = createHttpClient({ baseUrl: new URL('https://h.example.com'), transport, auth, redactor: new Redactor() });
    const res = await http.send({ method: 'GET', path: '/' });
    expect(res.status).toBe(401);
    expect(seen.map((r) => r.headers['x-auth-token'])).toEqual(['old', 'new-1']);
  });

  it('does not retry a 401 when the auth step cannot renew (refused signature)', async () => {
    const { seen, transport } = recorder([ok(401)]);
    const http = createHttpClient({ baseUrl: new URL('https://h.example.com'), transport, auth: headerAuth(() => 't'), redactor: new Redactor() });
    expect((await http.send({ method: 'DELETE', path: '/' })).status).toBe(401);
    expect(seen).toHaveLength(1);
  });

  it('--debug lines and previews never carry a credential', async () => {
    const lines: string[] = [];
    const { transport } = recorder([ok()]);
    const redactor = new Redactor();
    const http = createHttpClient({
      baseUrl: new URL('https://h.example.com'),
      transport,
      auth: headerAuth(() => 'tok-secret-1'),
      redactor,
      debug: (l) => lines.push(l),
    });
    await http.send({ method: 'POST', path: '/', json: { secret: 'body-secret' } });
    const text = lines.join('\n');
    expect(text).toContain('> POST https://h.example.com/');
    expect(text).not.toMatch(/tok-secret-1|body-secret|resp-secret/);
    const preview = http.preview({ method: 'POST', path: '/', json: { secret: 'body-secret' } });
    expect(preview).toEqual({
      method: 'POST',
      url: 'https://h.example.com/',
      headers: expect.objectContaining({ 'x-auth-token': '******' }),
      body: { secret: '******' },
    });
  });
});
