/**
 * The IAM password step against the in-process emulator's IAM: one login, a token cache shared by
 * later runs, renewal before expiry and after a 401, owner-only files, and no password anywhere.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTextFile, writePrivateFile } from '../../../src/cli/deps.js';
import { EMULATOR_CREDENTIALS as C } from '../../../src/emulator/credentials.js';
import { createEmulator, type Emulator } from '../../../src/emulator/handle.js';
import { AuthError } from '../../../src/errors.js';
import { createIamTokenAuth, type IamPasswordIdentity, type IamTokenDeps } from '../../../src/http/auth/iam-token.js';
import { createHttpClient } from '../../../src/http/client.js';
import { Redactor } from '../../../src/http/redact.js';
import type { HttpRequest, HttpResponse, Transport } from '../../../src/http/types.js';
import { Secret } from '../../../src/model/secret.js';

const BASE = 'http://emulator.test';
const HOUR = 3_600_000;

function clock(start = new Date('2024-01-02T03:04:05.000Z')) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** The emulator as a Transport, recording every request it is sent. */
function emulatorTransport(emulator: Emulator, override?: (req: HttpRequest) => HttpResponse | undefined) {
  const seen: HttpRequest[] = [];
  const transport: Transport = async (req) => {
    seen.push(req);
    const replaced = override?.(req);
    if (replaced) return replaced;
    const res = await emulator.handle(new Request(req.url, { method: req.method, headers: req.headers, body: req.body }));
    return { status: res.status, headers: Object.fromEntries(res.headers), body: new Uint8Array(await res.arrayBuffer()) };
  };
  const logins = () => seen.filter((r) => r.url.pathname === '/v3/auth/tokens').length;
  return { transport, seen, logins };
}

const identity = (password = C.huawei.user.password): IamPasswordIdentity => ({
  endpoint: new URL(BASE),
  domain: C.huawei.user.domainName,
  user: C.huawei.user.name,
  password: new Secret(password),
  project: C.huawei.project.name,
});

function setup(options: { dir?: string; ttlMs?: number; override?: (req: HttpRequest) => HttpResponse | undefined } = {}) {
  const time = clock();
  const emulator = createEmulator({ now: time.now, tokenTtlMs: options.ttlMs });
  const net = emulatorTransport(emulator, options.override);
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'hookctl-iam-'));
  const debugLines: string[] = [];
  const deps = (): IamTokenDeps => ({
    transport: net.transport,
    redactor: new Redactor(),
    now: time.now,
    debug: (line) => debugLines.push(line),
    cache: { dir, readFile: readTextFile, writeFile: writePrivateFile },
  });
  return { time, emulator, net, dir, deps, debugLines };
}

const request = (): HttpRequest => ({ method: 'GET', url: new URL(`${BASE}/v4/groups/1/hooks`), headers: {} });

describe('IAM password → token', () => {
  it('logs in once, scoped to the project, and sends the token as X-Auth-Token', async () => {
    const { net, deps, emulator } = setup();
    const step = createIamTokenAuth(identity(), deps());
    const [a, b] = [request(), request()];
    await Promise.all([step.authorize(a), step.authorize(b), step.authorize(request())]);
    expect(net.logins()).toBe(1);
    const issued = emulator.store.snapshot().iam.tokens[0]?.token;
    expect(a.headers['x-auth-token']).toBe(issued);
    expect(b.headers['x-auth-token']).toBe(issued);
    const body = JSON.parse(new TextDecoder().decode(net.seen[0]?.body));
    expect(body.auth.scope).toEqual({ project: { name: 'cn-north-4' } });
    expect(body.auth.identity.password.user).toMatchObject({ name: C.huawei.user.name, domain: { name: C.huawei.user.domainName } });
    expect(net.seen[0]?.url.search).toBe('?nocatalog=true');
  });

  it('a second step instance (a later run) reuses the cached token', async () => {
    const { net, deps, dir } = setup();
    const first = request();
    await createIamTokenAuth(identity(), deps()).authorize(first);
    const second = request();
    await createIamTokenAuth(identity(), deps()).authorize(second);
    expect(net.logins()).toBe(1);
    expect(second.headers['x-auth-token']).toBe(first.headers['x-auth-token']);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('a different identity gets its own cache entry', async () => {
    const { net, deps, dir } = setup();
    await createIamTokenAuth(identity(), deps()).authorize(request());
    await createIamTokenAuth({ ...identity(), project: 'cn-north-4', endpoint: new URL('http://iam.other.test') }, deps()).authorize(request());
    expect(net.logins()).toBe(2);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('renews a cached token 5 minutes before it expires, not earlier', async () => {
    const { net, deps, time } = setup();
    await createIamTokenAuth(identity(), deps()).authorize(request());
    time.advance(24 * HOUR - 6 * 60_000);
    await createIamTokenAuth(identity(), deps()).authorize(request());
    expect(net.logins()).toBe(1);
    time.advance(2 * 60_000); // now 4 minutes before expiry
    const late = request();
    await createIamTokenAuth(identity(), deps()).authorize(late);
    expect(net.logins()).toBe(2);
    const later = request();
    await createIamTokenAuth(identity(), deps()).authorize(later);
    expect(net.logins()).toBe(2);
    expect(later.headers['x-auth-token']).toBe(late.headers['x-auth-token']);
  });

  it('a cached token the server no longer accepts is replaced after one 401, silently', async () => {
    const { net, deps, dir, emulator } = setup();
    const step = createIamTokenAuth(identity(), deps());
    await step.authorize(request());
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file ?? ''), JSON.stringify({ token: 'revoked-token', expiresAt: '2024-01-03T00:00:00.000Z' }));
    const http = createHttpClient({ baseUrl: new URL(BASE), transport: net.transport, auth: createIamTokenAuth(identity(), deps()), redactor: new Redactor() });
    const res = await http.send({ method: 'GET', path: '/v4/groups/1/hooks' });
    expect(res.status).toBe(200);
    expect(net.logins()).toBe(2);
    expect(emulator.store.snapshot().iam.tokensIssued).toBe(2);
    const calls = net.seen.filter((r) => r.url.pathname.startsWith('/v4/')).map((r) => r.headers['x-auth-token']);
    expect(calls[0]).toBe('revoked-token');
    expect(calls[1]).not.toBe('revoked-token');
  });

  it('after a 401, renews once and then gives up', async () => {
    const refused: HttpResponse = { status: 401, headers: {}, body: new TextEncoder().encode('{"error_code":"APIG.0301","error_msg":"token expires"}') };
    const { net, deps } = setup({ override: (req) => (req.url.pathname.startsWith('/v4/') ? refused : undefined) });
    const http = createHttpClient({ baseUrl: new URL(BASE), transport: net.transport, auth: createIamTokenAuth(identity(), deps()), redactor: new Redactor() });
    expect((await http.send({ method: 'GET', path: '/v4/groups/1/hooks' })).status).toBe(401);
    expect(net.seen.filter((r) => r.url.pathname.startsWith('/v4/'))).toHaveLength(2);
    expect(net.logins()).toBe(2);
    await http.send({ method: 'GET', path: '/v4/groups/1/hooks' });
    expect(net.logins()).toBe(2); // one renewal per run, however many requests see a 401
  });

  it('writes the cache owner-only (file 0600, directory 0700) holding only the token and its expiry', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'hookctl-iam-'));
    const { deps, emulator } = setup({ dir: join(parent, 'cache', 'hookctl') });
    await createIamTokenAuth(identity(), deps()).authorize(request());
    const dir = join(parent, 'cache', 'hookctl');
    const [file = ''] = readdirSync(dir);
    expect(file).toMatch(/^iam-token-[0-9a-f]{32}\.json$/);
    expect(file).not.toContain(C.huawei.user.name);
    expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const content = readFileSync(join(dir, file), 'utf8');
    expect(Object.keys(JSON.parse(content)).sort()).toEqual(['expiresAt', 'token']);
    expect(JSON.parse(content).token).toBe(emulator.store.snapshot().iam.tokens[0]?.token);
    expect(content).not.toContain(C.huawei.user.password);
  });

  it('a wrong password is an AuthError (exit 4) in one line, without the password', async () => {
    const { net, deps, debugLines } = setup();
    const wrong = 'not-the-password-7f3a';
    const step = createIamTokenAuth(identity(wrong), deps());
    const error = await step.authorize(request()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthError);
    const auth = error as AuthError;
    expect(auth.exitCode).toBe(4);
    expect(auth.message).toContain('refused the password login of user "emulator-user"');
    expect(auth.message).not.toContain('\n');
    for (const text of [auth.message, auth.hint ?? '', auth.details ?? '', ...debugLines]) expect(text).not.toContain(wrong);
    expect(debugLines.join('\n')).toContain('/v3/auth/tokens');
    expect(net.logins()).toBe(1);
  });

  it('--dry-run previews never log in; the password is among the secrets to scrub', () => {
    const { net, deps } = setup();
    const step = createIamTokenAuth(identity(), deps());
    const req = request();
    step.preview(req);
    expect(req.headers['x-auth-token']).toBeTruthy();
    expect(net.logins()).toBe(0);
    expect(step.secrets()).toContain(C.huawei.user.password);
  });

  it('without a cache directory, tokens live for the process only', async () => {
    const { net, deps } = setup();
    const noCache = () => ({ ...deps(), cache: undefined });
    const step = createIamTokenAuth(identity(), noCache());
    await step.authorize(request());
    await step.authorize(request());
    await createIamTokenAuth(identity(), noCache()).authorize(request());
    expect(net.logins()).toBe(2);
  });

  it('a malformed cache file is ignored and replaced', async () => {
    const { net, deps, dir } = setup();
    await createIamTokenAuth(identity(), deps()).authorize(request());
    const [file = ''] = readdirSync(dir);
    writeFileSync(join(dir, file), '{not json');
    await createIamTokenAuth(identity(), deps()).authorize(request());
    expect(net.logins()).toBe(2);
    expect(JSON.parse(readFileSync(join(dir, file), 'utf8')).token).toBeTruthy();
  });
});
