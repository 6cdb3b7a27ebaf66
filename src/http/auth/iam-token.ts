/**
 * Huawei IAM password login (docs: shared/providers/codearts.md §4a, IAM doc iam_30_0001
 * KeystoneCreateUserTokenByPassword): user + password + domain are exchanged once for a
 * project-scoped token, which is then sent as `X-Auth-Token`. Tokens live 24 hours, so the token
 * (never the password) is cached on disk per identity and reused by later runs until shortly before
 * it expires.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { AuthError, ProviderError } from '../../errors.js';
import type { Secret } from '../../model/secret.js';
import { createHttpClient } from '../client.js';
import type { Redactor } from '../redact.js';
import type { AuthStep, HttpResponse, Transport } from '../types.js';

/** IAM facts, from codearts.md §4a. */
export const IAM = {
  label: 'Huawei IAM',
  tokensPath: '/v3/auth/tokens',
  contentType: 'application/json;charset=utf8',
  /** A token is replaced this long before its expires_at, so it cannot run out in the middle of a run. */
  renewBeforeMs: 5 * 60_000,
} as const;

export interface IamPasswordIdentity {
  /** IAM base URL, e.g. https://iam.cn-north-4.myhuaweicloud.com (or an emulator). */
  endpoint: URL;
  /** Account (domain) name the IAM user belongs to. */
  domain: string;
  user: string;
  password: Secret;
  /** Project name the token is scoped to; for regional services, the region name. */
  project: string;
}

export interface IamTokenDeps {
  transport: Transport;
  redactor: Redactor;
  now: () => Date;
  debug?: ((line: string) => void) | undefined;
  /**
   * Without it, tokens are kept for this process only. Read and written `ownedOnly`: a cache
   * directory or file that is a symbolic link or belongs to another user is refused.
   */
  cache?:
    | {
        dir: string;
        readFile(path: string, options: { ownedOnly: true }): Promise<string | undefined>;
        writeFile(path: string, text: string, options: { ownedOnly: true }): Promise<void>;
      }
    | undefined;
  /** One line for the user on stderr: the cache was refused or unusable, and this run goes without it. */
  notice?: ((line: string) => void) | undefined;
  /** Appended to the error when IAM refuses the password (where the credentials came from). */
  refusedHint?: string | undefined;
}

interface IssuedToken {
  token: string;
  expiresAt: number;
}

/** What the cache file holds: the token and its expiry, nothing else. */
// Built on first use: a run whose Huawei credentials are no IAM password never reads either.
let schemas: { cacheFile: z.ZodType<{ token: string; expiresAt: string }>; tokenBody: z.ZodType<{ token: { expires_at: string } }> } | undefined;
function iamSchemas(): NonNullable<typeof schemas> {
  schemas ??= {
    cacheFile: z.object({ token: z.string().min(1), expiresAt: z.iso.datetime() }),
    tokenBody: z.object({ token: z.object({ expires_at: z.string() }) }),
  };
  return schemas;
}

/** The cache file for an identity: a hash of everything that scopes the token, never the password. */
export function iamCacheFileName(identity: Omit<IamPasswordIdentity, 'password'>): string {
  const key = [identity.endpoint.origin + identity.endpoint.pathname, identity.domain, identity.user, identity.project].join('\n');
  return `iam-token-${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`;
}

export function createIamTokenAuth(identity: IamPasswordIdentity, deps: IamTokenDeps): AuthStep {
  const log = deps.debug ?? (() => {});
  const who = `${identity.user}@${identity.domain} (project ${identity.project})`;
  const file = deps.cache ? join(deps.cache.dir, iamCacheFileName(identity)) : undefined;
  // The cache saves logins; it never costs the run. The first time it cannot be used (refused as
  // unsafe, or the directory cannot be made) says so in one line, and the rest of the run skips it.
  let cacheOff = false;
  const cacheFailed = (action: 'read' | 'write', error: unknown) => {
    if (cacheOff) return;
    cacheOff = true;
    const reason = error instanceof Error ? error.message : String(error);
    (deps.notice ?? log)(`IAM token cache not used (cannot ${action} it: ${reason}); logging in without it`);
  };
  deps.redactor.add(identity.password.reveal());
  let current: IssuedToken | undefined;
  let inFlight: Promise<IssuedToken> | undefined;
  let renewal: Promise<IssuedToken> | undefined;

  const usable = (t: IssuedToken | undefined): t is IssuedToken => t !== undefined && t.expiresAt - IAM.renewBeforeMs > deps.now().getTime();
  // A token this run logged in for is kept for the whole run, whatever its expiry says: a token
  // that looks expired on arrival (clock skew, a lifetime under 5 minutes) would otherwise cost a
  // login per request. If it really has expired, the provider answers 401 and renew() logs in once.
  let loggedIn = false;

  const remember = (t: IssuedToken): IssuedToken => {
    deps.redactor.add(t.token);
    current = t;
    return t;
  };

  const obtain = async (fresh: boolean): Promise<IssuedToken> => {
    if (!fresh) {
      if (current && (loggedIn || usable(current))) return current;
      const cached = cacheOff ? undefined : await readCache(file, deps, log, cacheFailed);
      if (usable(cached)) {
        log(`iam: cached token for ${who}, valid until ${new Date(cached.expiresAt).toISOString()}`);
        return remember(cached);
      }
    }
    const issued = remember(await login(identity, deps));
    loggedIn = true;
    log(`iam: new token for ${who}, valid until ${new Date(issued.expiresAt).toISOString()}`);
    if (!usable(issued)) log('iam: the new token looks expired or about to (clock skew?): using it for this run anyway');
    if (!cacheOff) await writeCache(file, issued, deps, cacheFailed);
    return issued;
  };

  // Concurrent requests (bulk runs) share one login instead of each starting its own.
  const token = (): Promise<IssuedToken> => {
    inFlight ??= obtain(false).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  return {
    name: 'iam-password',
    async authorize(request) {
      request.headers['x-auth-token'] = (await token()).token;
    },
    preview(request) {
      // --dry-run must not log in; the header is printed masked anyway.
      request.headers['x-auth-token'] = current?.token ?? 'iam-token-obtained-at-run-time';
    },
    secrets: () => [identity.password.reveal(), ...(current ? [current.token] : [])],
    // A 401 means the token died early (password change, revocation): log in again, at most once
    // per run; every request that saw the 401 retries with that one new token.
    async renew() {
      renewal ??= obtain(true);
      await renewal;
      return true;
    },
  };
}

type CacheFailure = (action: 'read' | 'write', error: unknown) => void;

async function readCache(file: string | undefined, deps: IamTokenDeps, log: (line: string) => void, failed: CacheFailure): Promise<IssuedToken | undefined> {
  if (!file || !deps.cache) return undefined;
  let text: string | undefined;
  try {
    text = await deps.cache.readFile(file, { ownedOnly: true });
  } catch (error) {
    failed('read', error);
    return undefined;
  }
  if (text === undefined) return undefined;
  const parsed = iamSchemas().cacheFile.safeParse(parseJsonText(text));
  if (parsed.success) return { token: parsed.data.token, expiresAt: Date.parse(parsed.data.expiresAt) };
  // Replaced by the next write; not worth a line for the user.
  log(`iam: ignoring malformed token cache ${file}`);
  return undefined;
}

/** A cache that cannot be written (read-only home, refused as unsafe) costs a login next run, nothing more. */
async function writeCache(file: string | undefined, issued: IssuedToken, deps: IamTokenDeps, failed: CacheFailure): Promise<void> {
  if (!file || !deps.cache) return;
  try {
    await deps.cache.writeFile(file, `${JSON.stringify({ token: issued.token, expiresAt: new Date(issued.expiresAt).toISOString() })}\n`, { ownedOnly: true });
  } catch (error) {
    failed('write', error);
  }
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const NO_AUTH: AuthStep = { name: 'none', authorize: async () => {}, preview: () => {}, secrets: () => [] };

/** One POST /v3/auth/tokens through the same transport as every other request (proxy, timeouts, --debug). */
async function login(identity: IamPasswordIdentity, deps: IamTokenDeps): Promise<IssuedToken> {
  const http = createHttpClient({ baseUrl: identity.endpoint, transport: deps.transport, auth: NO_AUTH, redactor: deps.redactor, debug: deps.debug });
  const res = await http.send({
    method: 'POST',
    path: IAM.tokensPath,
    query: { nocatalog: 'true' },
    headers: { 'content-type': IAM.contentType, accept: 'application/json' },
    json: {
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: identity.user, password: identity.password.reveal(), domain: { name: identity.domain } } },
        },
        scope: { project: { name: identity.project } },
      },
    },
  });
  if (res.status !== 201 && res.status !== 200) throw refusal(res, identity, deps.refusedHint);
  const token = res.headers['x-subject-token'];
  const body = iamSchemas().tokenBody.safeParse(parseJson(res));
  const expiresAt = body.success ? Date.parse(body.data.token.expires_at) : Number.NaN;
  if (!token || Number.isNaN(expiresAt)) {
    throw new ProviderError(
      { provider: IAM.label, status: res.status },
      { message: `${IAM.label} answered HTTP ${res.status} without a token (X-Subject-Token header and token.expires_at)` },
    );
  }
  return { token, expiresAt };
}

function parseJson(res: HttpResponse): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(res.body)) as unknown;
  } catch {
    return undefined;
  }
}

/** Keystone-style `{error:{code,message}}`, or the gateway's `{error_code,error_msg}`. */
function refusal(res: HttpResponse, identity: IamPasswordIdentity, hint: string | undefined): Error {
  const body = parseJson(res) as { error?: { message?: unknown }; error_code?: unknown; error_msg?: unknown } | undefined;
  const message = typeof body?.error?.message === 'string' ? body.error.message : typeof body?.error_msg === 'string' ? body.error_msg : undefined;
  const requestId = res.headers['x-request-id'];
  if (res.status === 401 || res.status === 403) {
    const what = `${IAM.label} refused the password login of user "${identity.user}" in account "${identity.domain}" (HTTP ${res.status})`;
    return new AuthError(`${what}${message ? `: ${message}` : ''}`, {
      hint: hint ?? 'check the IAM user name, password and account (domain) name',
    });
  }
  const code = typeof body?.error_code === 'string' ? body.error_code : undefined;
  return new ProviderError({ provider: IAM.label, status: res.status, providerCode: code, providerMessage: message, requestId });
}
