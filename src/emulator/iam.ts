/**
 * Huawei IAM `POST /v3/auth/tokens` with a password (codearts.md §4a, doc iam_30_0001
 * KeystoneCreateUserTokenByPassword). Issued tokens are accepted by the CodeArts and ServiceStage
 * emulations until they expire.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { EmulatorContext, EmulatorRequest, Route } from './http.js';
import { json, parseJsonBody } from './http.js';
import { checkHuaweiAuth, iamTime } from './huawei-gateway.js';

/** codearts.md §4a: tokens are valid for 24 hours. */
export const IAM_TOKEN_TTL_MS = 24 * 3_600_000;

const named = z.object({ name: z.string().optional(), id: z.string().optional() });

const tokenRequest = z.object({
  auth: z.object({
    identity: z.object({
      methods: z.array(z.string()).refine((m) => m.includes('password'), 'identity.methods must include "password"'),
      password: z.object({
        user: z.object({
          name: z.string().optional(),
          id: z.string().optional(),
          password: z.string(),
          domain: named.optional(),
        }),
      }),
    }),
    scope: z.object({ project: named.optional(), domain: named.optional() }),
  }),
});

type TokenRequest = z.infer<typeof tokenRequest>;

/** [I] Keystone-style error body `{error:{code,message,title}}`; the IAM docs show no example for this API. */
function keystoneError(code: 400 | 401, message: string): Response {
  return json(code, { error: { code, message, title: code === 400 ? 'Bad Request' : 'Unauthorized' } });
}

/** Real tokens are long PKI/PKIZ strings starting with `MII` (codearts.md §4a); this only looks alike. */
function newToken(): string {
  return `MII${randomBytes(480).toString('base64url')}`;
}

function userMatches(body: TokenRequest, ctx: EmulatorContext): boolean {
  const expected = ctx.credentials.huawei.user;
  const user = body.auth.identity.password.user;
  const nameOk = user.id !== undefined ? user.id === expected.id : user.name === expected.name;
  const domain = user.domain;
  const domainOk = user.id !== undefined || domain?.name === expected.domainName || domain?.id === expected.domainId;
  return nameOk && domainOk && user.password === expected.password;
}

function issueToken(request: EmulatorRequest, _params: Record<string, string>, ctx: EmulatorContext): Response {
  const parsed = parseJsonBody(request);
  if (!parsed.ok) return keystoneError(400, parsed.reason);
  const result = tokenRequest.safeParse(parsed.value);
  if (!result.success) {
    const issue = result.error.issues[0];
    return keystoneError(400, `Invalid input for field '${issue?.path.join('.') ?? 'auth'}': ${issue?.message ?? ''}`);
  }
  const body = result.data;
  const scopeProject = body.auth.scope.project;
  if (!scopeProject) {
    // An emulator limit, not a provider rule: CodeArts and ServiceStage need project-scoped tokens.
    return keystoneError(400, 'the emulator issues project-scoped tokens only: set auth.scope.project');
  }
  if (!userMatches(body, ctx)) return keystoneError(401, 'The username or password is wrong.');
  const { project } = ctx.credentials.huawei;
  if (scopeProject.id !== project.id && scopeProject.name !== project.name) {
    return keystoneError(401, 'The request you have made requires authentication.');
  }
  return tokenResponse(request, ctx);
}

function tokenResponse(request: EmulatorRequest, ctx: EmulatorContext): Response {
  const { project, user } = ctx.credentials.huawei;
  const issued = ctx.now();
  const expires = new Date(issued.getTime() + ctx.tokenTtlMs);
  const token = newToken();
  ctx.store.recordIamToken({
    token,
    userName: user.name,
    projectId: project.id,
    issuedAt: issued.toISOString(),
    expiresAt: expires.toISOString(),
  });
  const domain = { id: user.domainId, name: user.domainName };
  const body = {
    token: {
      expires_at: iamTime(expires),
      issued_at: iamTime(issued),
      methods: ['password'],
      project: { id: project.id, name: project.name, domain },
      user: { id: user.id, name: user.name, domain, password_expires_at: '' },
      roles: [{ id: '0', name: 'op_service' }],
      ...(request.url.searchParams.get('nocatalog') === 'true' ? {} : { catalog: [] }),
    },
  };
  return json(201, body, { 'X-Subject-Token': token });
}

/**
 * KeystoneListProjects `GET /v3/projects[?name=…]`, AK/SK-signed or with a token: what the official
 * SDK calls to learn a region's project id (src/providers/codearts/facts.ts projectLookupPath). The
 * emulator's one project is listed when the name filter is absent or matches.
 */
function listProjects(request: EmulatorRequest, _params: Record<string, string>, ctx: EmulatorContext): Response {
  const refused = checkHuaweiAuth(request, ctx);
  if (refused) return refused;
  const { project, user } = ctx.credentials.huawei;
  const name = request.url.searchParams.get('name');
  const projects =
    name === null || name === project.name
      ? [{ id: project.id, name: project.name, domain_id: user.domainId, enabled: true, is_domain: false, parent_id: user.domainId, description: '' }]
      : [];
  return json(200, { projects, links: { self: request.url.href, next: null, previous: null } });
}

export const iamRoutes: readonly Route[] = [
  { method: 'POST', path: '/v3/auth/tokens', handle: issueToken },
  { method: 'GET', path: '/v3/projects', handle: listProjects },
];
