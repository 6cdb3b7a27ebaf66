/**
 * The IAM password step against the in-process emulator's IAM: one login, a token cache shared by
 * later runs, renewal before expiry and after a 401, owner-only files, and no password anywhere.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as C } from '../../../src/emulator/credentials.js';
import { createEmulator, type Emulator } from '../../../src/emulator/handle.js';
import { AuthError } from '../../../src/errors.js';
import { createIamTokenAuth, type IamPasswordIdentity, type IamTokenDeps } from '../../../src/http/auth/iam-token.js';
import { createHttpClient } from '../../../src/http/client.js';
import { Redactor } from '../../../src/http/redact.js';
import type { HttpRequest, HttpResponse, Transport } from '../../../src/http/types.js';
import { Secret } from '../../../src/model/secret.js';
import { nodeFs, type PrivateFs, readTextFile, writePrivateFile } from '../../../src/runtime/deps.js';

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

function setup(
  options: { dir?: string; ttlMs?: number; serverSkewMs?: number; fs?: PrivateFs; override?: (req: HttpRequest) => HttpResponse | undefined } = {},
) {
  const time = clock();
  const serverNow = () => new Date(time.now().getTime() + (options.serverSkewMs ?? 0));
  const emulator = createEmulator({ now: serverNow, tokenTtlMs: options.ttlMs });
  const net = emulatorTransport(emulator, options.override);
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'hookctl-iam-'));
  const debugLines: string[] = [];
  const notices: string[] = [];
  const fs = options.fs ?? nodeFs;
  const deps = (): IamTokenDeps => ({
    transport: net.transport,
    redactor: new Redactor(),
    now: time.now,
    debug: (line) => debugLines.push(line),
    notice: (line) => notices.push(line),
    cache: { dir, readFile: (path, o) => readTextFile(path, o, fs), writeFile: (path, text, o) => writePrivateFile(path, text, o, fs) },
  });
  return { time, emulator, net, dir, deps, debugLines, notices };
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

describe('a token that looks expired on arrival', () => {
  const many = async (deps: IamTokenDeps) => {
    const http = createHttpClient({ baseUrl: new URL(BASE), transport: deps.transport, auth: createIamTokenAuth(identity(), deps), redactor: new Redactor() });
    for (let i = 0; i < 5; i++) expect((await http.send({ method: 'GET', path: '/v4/groups/1/hooks' })).status).toBe(200);
    await Promise.all(Array.from({ length: 10 }, () => http.send({ method: 'GET', path: '/v4/groups/1/hooks' })));
  };

  it('a lifetime under the 5-minute renewal margin: one login for the whole run, not one per request', async () => {
    const { net, deps, debugLines } = setup({ ttlMs: 60_000 });
    await many(deps());
    expect(net.logins()).toBe(1);
    expect(debugLines.join('\n')).toContain('looks expired or about to');
  });

  it('the server clock two days behind ours (the token expired by our clock): one login per run', async () => {
    const { net, deps } = setup({ serverSkewMs: -48 * HOUR });
    await many(deps());
    expect(net.logins()).toBe(1);
    // A later run cannot trust the cached copy either: it logs in once more, again only once.
    await many(deps());
    expect(net.logins()).toBe(2);
  });
});

describe('token cache safety', () => {
  const hasTmp = (dir: string) => readdirSync(dir).some((f) => f.endsWith('.tmp'));

  it('a cache directory that is a symbolic link is refused with one notice; the run logs in and writes nothing through it', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'hookctl-iam-'));
    const elsewhere = join(parent, 'elsewhere');
    mkdirSync(elsewhere, { mode: 0o700 });
    symlinkSync(elsewhere, join(parent, 'hookctl'));
    const { net, deps, notices } = setup({ dir: join(parent, 'hookctl') });
    const step = createIamTokenAuth(identity(), deps());
    await step.authorize(request());
    await step.authorize(request());
    await step.renew?.();
    expect(net.logins()).toBe(2); // the first login and the renewal; the cache is never consulted
    expect(notices).toEqual([`IAM token cache not used (cannot read it: ${join(parent, 'hookctl')} is a symbolic link); logging in without it`]);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('a cache file that is a symbolic link is neither read nor replaced', async () => {
    const { net, deps, dir, notices } = setup();
    await createIamTokenAuth(identity(), deps()).authorize(request());
    const [file = ''] = readdirSync(dir);
    const planted = join(dir, 'planted.json');
    writeFileSync(planted, JSON.stringify({ token: 'planted-token', expiresAt: '2030-01-01T00:00:00.000Z' }));
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, file));
    symlinkSync(planted, join(dir, file));
    const req = request();
    await createIamTokenAuth(identity(), deps()).authorize(req);
    expect(req.headers['x-auth-token']).not.toBe('planted-token');
    expect(net.logins()).toBe(2);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`${join(dir, file)} is a symbolic link`);
    expect(JSON.parse(readFileSync(planted, 'utf8')).token).toBe('planted-token');
  });

  it('a cache directory owned by another user is refused (uid from an injected lstat)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookctl-iam-'));
    const me = 1000;
    const otherUser: PrivateFs = {
      ...nodeFs,
      uid: () => me,
      lstat: async (path) => {
        const info = await nodeFs.lstat(path);
        return {
          uid: path === dir ? me + 1 : me,
          isSymbolicLink: () => info.isSymbolicLink(),
          isDirectory: () => info.isDirectory(),
          isFile: () => info.isFile(),
        };
      },
    };
    const { net, deps, notices } = setup({ dir, fs: otherUser });
    const step = createIamTokenAuth(identity(), deps());
    await step.authorize(request());
    expect(net.logins()).toBe(1);
    expect(notices).toEqual([`IAM token cache not used (cannot read it: ${dir} is owned by another user (uid 1001, you are 1000)); logging in without it`]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a cache file owned by another user is refused on write too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookctl-iam-'));
    const foreign = (path: string) => path.endsWith('.json');
    const fs: PrivateFs = {
      ...nodeFs,
      uid: () => 1000,
      lstat: async (path) => {
        const info = await nodeFs.lstat(path);
        return {
          uid: foreign(path) ? 0 : 1000,
          isSymbolicLink: () => info.isSymbolicLink(),
          isDirectory: () => info.isDirectory(),
          isFile: () => info.isFile(),
        };
      },
    };
    const { deps } = setup({ dir });
    await createIamTokenAuth(identity(), deps()).authorize(request()); // a file exists now
    const [file = ''] = readdirSync(dir);
    const before = readFileSync(join(dir, file), 'utf8');
    await expect(writePrivateFile(join(dir, file), 'replaced', { ownedOnly: true }, fs)).rejects.toThrow(
      `${join(dir, file)} is owned by another user (uid 0, you are 1000)`,
    );
    expect(readFileSync(join(dir, file), 'utf8')).toBe(before);
    await expect(readTextFile(join(dir, file), { ownedOnly: true }, fs)).rejects.toThrow('is owned by another user');
  });

  it('no .tmp file is left behind when the rename fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookctl-iam-'));
    const fs: PrivateFs = {
      ...nodeFs,
      rename: async () => Promise.reject(Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' })),
    };
    await expect(writePrivateFile(join(dir, 'token.json'), '{}', {}, fs)).rejects.toThrow('EXDEV');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('no .tmp file is left behind when the write fails half way (disk full)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookctl-iam-'));
    const fs: PrivateFs = {
      ...nodeFs,
      writeNew: async (path, text, mode) => {
        await nodeFs.writeNew(path, text.slice(0, 3), mode);
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
    };
    const { net, deps, notices } = setup({ dir, fs });
    await createIamTokenAuth(identity(), deps()).authorize(request());
    expect(net.logins()).toBe(1);
    expect(notices).toEqual(['IAM token cache not used (cannot write it: ENOSPC: no space left on device, write); logging in without it']);
    expect(hasTmp(dir)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  for (const [what, cacheHome] of [
    ['under /proc, where a directory cannot be made', () => '/proc/hookctl-no-such-dir'],
    ['below a file', () => join(mkdtempSync(join(tmpdir(), 'hookctl-iam-')), 'file')],
  ] as const) {
    it(`a cache directory ${what}: the run goes on without the cache after one notice, at once`, async () => {
      const home = cacheHome();
      if (home.endsWith('file')) writeFileSync(home, 'not a directory');
      const dir = join(home, 'hookctl');
      const { net, deps, notices } = setup({ dir });
      const step = createIamTokenAuth(identity(), deps());
      await step.authorize(request());
      await step.renew?.();
      expect(net.logins()).toBe(2);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(/^IAM token cache not used \(cannot (read|write) it: E(NOENT|NOTDIR)\b.*\); logging in without it$/);
      expect(existsSync(dir)).toBe(false);
    });
  }

  it('the cache it writes itself is accepted by the same rules on the next run (no notice)', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'hookctl-iam-'));
    const { net, deps, notices } = setup({ dir: join(parent, 'a', 'b', 'hookctl') });
    await createIamTokenAuth(identity(), deps()).authorize(request());
    await createIamTokenAuth(identity(), deps()).authorize(request());
    expect(net.logins()).toBe(1);
    expect(notices).toEqual([]);
    expect(statSync(join(parent, 'a')).mode & 0o777).toBe(0o700);
  });
});
