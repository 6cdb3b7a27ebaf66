import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../../src/http/types.js';
import { Secret } from '../../../src/model/secret.js';
import { runMain } from '../../helpers/cli.js';
import { fakeProvider } from '../../helpers/fake-provider.js';

function setup(url: string, options: { status?: number; addresses?: string[]; secret?: string } = {}) {
  const sent: HttpRequest[] = [];
  const provider = fakeProvider('codeup', {
    hooks: { 'codeup:ORG/100': [{ id: '7', url, events: ['push'], ...(options.secret && { secret: new Secret(options.secret) }) }] },
  });
  const deps = {
    provider: () => provider,
    resolveHost: async () => options.addresses ?? ['203.0.113.10'],
    transport: async (req: HttpRequest) => {
      sent.push(req);
      return { status: options.status ?? 200, headers: {}, body: new TextEncoder().encode('accepted\nsecond line\n') };
    },
  };
  return { sent, run: (args: string[], env: Record<string, string> = {}) => runMain(['hooks', 'test', 'codeup:ORG/100', '7', ...args], { deps, env }) };
}

describe('hooks test', () => {
  it('a public URL: sends the provider-shaped sample with the secret from --secret-env, exit 0 on 2xx', async () => {
    const { sent, run } = setup('https://ci.example.com/h');
    const out = await run(['--event', 'merge_request', '--secret-env', 'S'], { S: 'hook-secret-1' });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/✓ HTTP 200 in \d+ ms\n {2}accepted\n {2}second line/);
    expect(sent[0]?.headers).toMatchObject({ 'x-codeup-token': 'hook-secret-1', 'x-codeup-event': 'Merge Request Hook' });
    expect(JSON.parse(new TextDecoder().decode(sent[0]?.body))).toMatchObject({ object_kind: 'merge_request' });
    expect(out.stdout + out.stderr).not.toContain('hook-secret-1');
  });

  it("uses the hook's own secret when the provider returns it", async () => {
    const { sent, run } = setup('https://ci.example.com/h', { secret: 'returned-secret' });
    expect((await run([])).code).toBe(0);
    expect(sent[0]?.headers['x-codeup-token']).toBe('returned-secret');
  });

  it('--style is refused where the provider has one delivery format, naming the providers that have a choice (exit 2, nothing sent)', async () => {
    const { sent, run } = setup('https://ci.example.com/h');
    const out = await run(['--style', 'gitlab']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--style: only ServiceStage hooks have a choice of delivery format');
    expect(sent).toHaveLength(0);
  });

  it('a non-2xx answer is exit 1', async () => {
    const { run } = setup('https://ci.example.com/h', { status: 503 });
    const out = await run([]);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/✗ HTTP 503/);
  });

  it('a name resolving to a private address is refused (exit 2, one line, nothing sent) unless --allow-private', async () => {
    const { sent, run } = setup('https://intranet.example.com/h', { addresses: ['10.1.2.3'] });
    const out = await run([]);
    expect(out.code).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/points at private network 10\.0\.0\.0\/8 .*intranet\.example\.com resolves to 10\.1\.2\.3.*--allow-private/);
    expect(sent).toHaveLength(0);
    expect((await run(['--allow-private'])).code).toBe(0);
    expect(sent).toHaveLength(1);
  });

  it('a metadata address literal is refused', async () => {
    const { run } = setup('http://169.254.169.254/latest');
    const out = await run([]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/cloud metadata endpoint/);
  });
});
