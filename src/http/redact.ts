import { MASK } from '../model/secret.js';

/** Header names whose values are credentials (lower-case). */
const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-auth-token',
  'x-subject-token',
  'x-security-token',
  'x-acs-security-token',
  'x-yunxiao-token',
]);

/** Query parameter names whose values are credentials (compared case-insensitively). */
const SENSITIVE_QUERY = new Set(['accesstoken', 'access_token', 'token']);

/** JSON keys whose values are secrets in any provider's wire format (compared case-insensitively). */
const SENSITIVE_KEYS = new Set(['secret', 'secret_token', 'secrettoken', 'token', 'password', 'accesskeysecret']);

/** Provider bodies nest a few levels; anything deeper than this is cut when printed. */
const MAX_DEPTH = 64;
const TOO_DEEP = '[nested too deep]';

/**
 * Masks credentials in anything about to be printed. Two layers: known field names are masked by
 * structure, and every secret value registered for this run is scrubbed from the final text, so a
 * secret echoed back in an unexpected place (an error message, a header) still never shows.
 */
export class Redactor {
  readonly #values = new Set<string>();

  add(...values: (string | undefined)[]): void {
    for (const value of values) {
      // Very short values would mask ordinary words; they are also not credentials worth the name.
      if (value && value.length >= 4 && value !== MASK) this.#values.add(value);
    }
  }

  scrub(text: string): string {
    let out = text;
    for (const value of this.#values) {
      for (const form of spellings(value)) {
        if (out.includes(form)) out = out.split(form).join(MASK);
      }
    }
    return out;
  }

  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      out[name] = SENSITIVE_HEADERS.has(name.toLowerCase()) ? maskAuthorization(name, value) : this.scrub(value);
    }
    return out;
  }

  url(url: URL): string {
    const copy = new URL(url);
    for (const key of [...copy.searchParams.keys()]) {
      if (SENSITIVE_QUERY.has(key.toLowerCase())) copy.searchParams.set(key, MASK);
    }
    return this.scrub(copy.toString());
  }

  /** A JSON body with sensitive keys masked; non-JSON text is scrubbed and returned as a string. */
  body(text: string): unknown {
    if (text === '') return undefined;
    try {
      return this.json(JSON.parse(text));
    } catch {
      return this.scrub(text);
    }
  }

  json(value: unknown, depth = 0): unknown {
    // A hostile body nested thousands deep would overflow the stack here or in JSON.stringify later.
    if (depth > MAX_DEPTH && value !== null && typeof value === 'object') return TOO_DEEP;
    if (Array.isArray(value)) return value.map((item) => this.json(item, depth + 1));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const sensitive = SENSITIVE_KEYS.has(key.toLowerCase()) && item !== '' && item !== null;
        out[key] = sensitive ? MASK : this.json(item, depth + 1);
      }
      return out;
    }
    return typeof value === 'string' ? this.scrub(value) : value;
  }
}

/**
 * The ways a secret comes back in text: as is, URL-encoded (a path segment or a query: the two
 * encodings differ), and JSON-escaped (a server that echoes a request body or headers inside a JSON
 * string turns `"` into `\"` and `\` into `\\`).
 */
function spellings(value: string): string[] {
  const forms = [value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2), JSON.stringify(value).slice(1, -1)];
  return [...new Set(forms)].filter((form) => form.length >= 4);
}

/** Keeps the scheme and key id of a signature (useful when debugging auth), masks the rest. */
function maskAuthorization(name: string, value: string): string {
  if (name.toLowerCase() !== 'authorization') return MASK;
  const scheme = value.split(' ', 1)[0] ?? '';
  return scheme && scheme.length < value.length ? `${scheme} ${MASK}` : MASK;
}
