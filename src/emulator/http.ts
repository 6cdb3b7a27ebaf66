/**
 * Small Fetch-API helpers shared by the emulated providers: the parsed request every route sees,
 * the context it may use, a path-template router, and response builders.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { EmulatorCredentials } from './credentials.js';
import type { EmulatorStore } from './store.js';

/** A request read once: lower-case header names and the exact body bytes (signatures cover them). */
export interface EmulatorRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface EmulatorContext {
  store: EmulatorStore;
  credentials: EmulatorCredentials;
  now(): Date;
  /** Lifetime of tokens issued by the emulated IAM. */
  tokenTtlMs: number;
}

export interface Route {
  method: string;
  /** Segments starting with ':' are parameters, e.g. '/v4/groups/:groupId/hooks'. */
  path: string;
  handle(request: EmulatorRequest, params: Record<string, string>, ctx: EmulatorContext): Promise<Response> | Response;
}

export async function readRequest(request: Request): Promise<EmulatorRequest> {
  const headers: Record<string, string> = {};
  // Headers iterates lower-case names and already joins repeated values with ", ".
  for (const [name, value] of request.headers) headers[name] = value;
  const body = request.method === 'GET' || request.method === 'HEAD' ? new Uint8Array() : new Uint8Array(await request.arrayBuffer());
  return { method: request.method.toUpperCase(), url: new URL(request.url), headers, body };
}

/** Finds the route for a method and path; parameters come back percent-decoded. */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): { route: Route; params: Record<string, string> } | undefined {
  const actual = pathname.split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchTemplate(route.path.split('/'), actual);
    if (params) return { route, params };
  }
  return undefined;
}

function matchTemplate(template: string[], actual: string[]): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of template.entries()) {
    const segment = actual[index] ?? '';
    if (part.startsWith(':')) {
      const value = safeDecode(segment);
      if (value === undefined || value === '') return undefined;
      params[part.slice(1)] = value;
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
  });
}

export function noContent(headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 204, headers });
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses a JSON body; an empty body is reported, not treated as `{}`. */
export function parseJsonBody(request: EmulatorRequest): JsonBody {
  if (request.body.byteLength === 0) return { ok: false, reason: 'request body is empty' };
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(request.body)) };
  } catch {
    return { ok: false, reason: 'request body is not valid JSON' };
  }
}

/** Alibaba request ids are upper-case UUIDs, e.g. `HC93CE1A-8D7A-13A9-8306-7465DE2E5C0F` (codeup.md §1 examples). */
export function alibabaRequestId(): string {
  return randomUUID().toUpperCase();
}

/** Huawei request ids are 32 lower-case hex characters (APIG error bodies, codearts.md §3). */
export function huaweiRequestId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Formats a time as `2020-11-13T10:50:32.167+08:00`: the services run in China Standard Time and
 * print that offset (Codeup `CreatedAt`, codeup.md §1; CodeArts `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`,
 * codearts.md §2).
 */
export function formatChinaTime(iso: string): string {
  const shifted = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 23)}+08:00`;
}

/** A JSON object (not an array or null), or undefined. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Parses an integer query parameter; `undefined` when absent, `NaN` when not an integer. */
export function intQuery(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return undefined;
  return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
}
