import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createUndiciTransport } from '../../../src/http/transport.js';
import type { HttpRequest } from '../../../src/http/types.js';
import { Secret } from '../../../src/model/secret.js';
import { runMain } from '../../helpers/cli.js';
import { fakeProvider } from '../../helpers/fake-provider.js';

/** A public address (no request reaches it: every test here injects the network). */
const PUBLIC = '93.184.215.14';

function setup(url: string, options: { status?: number; addresses?: string[]; secret?: string; resolveHost?: (host: string) => Promise<string[]> } = {}) {
  const sent: HttpRequest[] = [];
  const provider = fakeProvider('codeup', {
    hooks: { 'codeup:ORG/100': [{ id: '7', url, events: ['push'], ...(options.secret && { secret: new Secret(options.secret) }) }] },
  });
  const deps = {
    provider: () => provider,
    resolveHost: options.resolveHost ?? (async () => options.addresses ?? [PUBLIC]),
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

  // The IANA IPv4 and IPv6 special-purpose registries, a few entries per kind; each as a resolver
  // answer (beside a public address: every address is judged) and as a literal in the URL.
  const SPECIAL = [
    ['198.18.0.1', 'benchmarking 198.18.0.0/15'],
    ['224.0.0.251', 'multicast 224.0.0.0/4'],
    ['255.255.255.255', 'limited broadcast'],
    ['192.0.0.8', 'IETF protocol assignments 192.0.0.0/24'],
    ['192.0.2.1', 'documentation 192.0.2.0/24'],
    ['198.51.100.7', 'documentation 198.51.100.0/24'],
    ['203.0.113.10', 'documentation 203.0.113.0/24'],
    ['192.88.99.1', '6to4 relay anycast 192.88.99.0/24'],
    ['240.0.0.1', 'reserved 240.0.0.0/4'],
    ['192.31.196.1', 'AS112 192.31.196.0/24'],
    ['192.52.193.1', 'AMT 192.52.193.0/24'],
    ['127.0.0.1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['100.64.0.1', 'shared address space'],
    ['169.254.169.254', 'link-local / metadata'],
    ['0.0.0.0', 'this network'],
    ['::ffff:0:8.8.8.8', 'IPv4-translated ::ffff:0:0/96'],
    ['::ffff:8.8.8.8', 'IPv4-mapped ::ffff:0:0/96'],
    ['64:ff9b:1::1', 'local-use IPv4/IPv6 translation 64:ff9b:1::/48'],
    ['2002:7f00:1::', '6to4 2002::/16'],
    ['2001::1', 'Teredo 2001::/32'],
    ['2001:2::1', 'benchmarking 2001:2::/48'],
    ['2001:db8::1', 'documentation 2001:db8::/32'],
    ['3fff::1', 'documentation 3fff::/20'],
    ['2001:20::1', 'ORCHIDv2 2001:20::/28'],
    ['100::1', 'discard-only 100::/64'],
    ['5f00::1', 'segment routing 5f00::/16'],
    ['ff02::1', 'multicast ff00::/8'],
    ['fe80::1', 'link-local fe80::/10'],
    ['fd00::1', 'unique local fc00::/7'],
    ['::1', 'loopback ::1'],
    ['::', 'unspecified ::'],
  ] as const;

  it.each(SPECIAL)('%s (%s) is refused, resolved or literal (exit 2, one line, nothing sent)', async (address) => {
    const resolved = setup('https://hooks.example.com/h', { addresses: [PUBLIC, address] });
    const out = await resolved.run([]);
    expect(out.code).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toContain(`hooks.example.com resolves to ${address}`);
    expect(resolved.sent).toHaveLength(0);
    const literal = setup(`https://${address.includes(':') ? `[${address}]` : address}/h`);
    expect((await literal.run([])).code).toBe(2);
    expect(literal.sent).toHaveLength(0);
  });

  it('a name that does not resolve is refused in one line (exit 6, nothing sent); a trailing-dot name too (exit 2)', async () => {
    const lost = setup('https://gone.example.com/h', {
      resolveHost: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND gone.example.com'), { code: 'ENOTFOUND' });
      },
    });
    const out = await lost.run([]);
    expect(out.code).toBe(6);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/hook 7: gone\.example\.com does not resolve \(ENOTFOUND\): nothing was sent/);
    expect(lost.sent).toHaveLength(0);
    const empty = setup('https://gone.example.com/h', { addresses: [] });
    expect((await empty.run([])).code).toBe(6);
    const dotted = setup('https://internal./h');
    const dot = await dotted.run(['--allow-private']);
    expect(dot.code).toBe(2);
    expect(dot.stderr.trim().split('\n')).toHaveLength(1);
    expect(dot.stderr).toMatch(/a host name ending in "\." is not sent to/);
    expect(dotted.sent).toHaveLength(0);
  });

  it('connects to the address it checked: the request is pinned to it, the name looked up once', async () => {
    const lookups: string[] = [];
    const { sent, run } = setup('https://ci.example.com/h', {
      resolveHost: async (host) => {
        lookups.push(host);
        return [PUBLIC];
      },
    });
    expect((await run([])).code).toBe(0);
    expect(lookups).toEqual(['ci.example.com']);
    expect(sent[0]?.address).toBe(PUBLIC);
    expect(sent[0]?.url.host).toBe('ci.example.com');
  });
});

describe('hooks test against DNS rebinding', () => {
  const servers: Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      server.close();
    }
  });

  /** A server on `host`, port `port` (0: any), counting the requests it gets. */
  async function counting(host: string, port: number): Promise<{ port: number; hits: string[] }> {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(req.headers.host ?? '');
      res.end('ok');
    });
    servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, resolve);
    });
    return { port: (server.address() as AddressInfo).port, hits };
  }

  it('a name answering public first, then 127.0.0.1: nothing reaches the loopback server', async () => {
    // The "public" host is played by 127.0.0.2; the internal service the rebinding aims at is on 127.0.0.1, same port.
    const outside = await counting('127.0.0.2', 0);
    const internal = await counting('127.0.0.1', outside.port);
    let answers = 0;
    const rebinding = async () => (answers++ === 0 ? [PUBLIC] : ['127.0.0.1']);
    const undici = createUndiciTransport({ timeoutMs: 5000 });
    // The network as this test has it: PUBLIC is the outside server; a request that is not pinned
    // to an address looks its host up again, through the same (rebinding) DNS, as the system would.
    const network = async (req: HttpRequest) => {
      const address = req.address ?? (await rebinding())[0];
      return undici({ ...req, address: address === PUBLIC ? '127.0.0.2' : address });
    };
    const provider = fakeProvider('codeup', {
      hooks: { 'codeup:ORG/100': [{ id: '7', url: `http://rebind.example.com:${outside.port}/h`, events: ['push'] }] },
    });
    const out = await runMain(['hooks', 'test', 'codeup:ORG/100', '7'], { deps: { provider: () => provider, resolveHost: rebinding, transport: network } });
    expect(internal.hits).toEqual([]);
    expect(outside.hits).toEqual([`rebind.example.com:${outside.port}`]);
    expect(out.code).toBe(0);
  });
});
