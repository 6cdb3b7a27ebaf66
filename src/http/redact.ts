import { InternalError } from '../errors.js';
import { MASK } from '../model/secret.js';
import { SpellingMatcher } from './spelling-matcher.js';

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
  readonly #matcher = new SpellingMatcher();

  add(...values: (string | undefined)[]): void {
    for (const value of values) {
      // Very short values would mask ordinary words; they are also not credentials worth the name.
      if (value && value.length >= 4 && value !== MASK && !this.#values.has(value)) {
        this.#values.add(value);
        this.#matcher.add(value);
      }
    }
  }

  /**
   * Registers the password of a URL's `user:password@` part (an endpoint, a hook URL), as written
   * and percent-decoded. Text that is not a URL is ignored.
   */
  addUrlCredentials(text: string | undefined): void {
    if (text === undefined || !text.includes('@')) return;
    let url: URL;
    try {
      url = new URL(text.trim());
    } catch {
      return;
    }
    if (url.password === '') return;
    this.add(url.password);
    try {
      this.add(decodeURIComponent(url.password));
    } catch {
      // A malformed escape: the raw form is registered.
    }
  }

  /**
   * Masks every registered secret, in any of the spellings it comes back in (SpellingMatcher), and
   * the password of any `scheme://user:password@` in the text. One pass over the text whatever the
   * number and length of the secrets. It fails closed: any failure inside throws RedactionError,
   * which carries neither the text nor a secret, and the text must then not be printed at all.
   */
  scrub(text: string): string {
    try {
      const out = this.#masked(text);
      return out.includes('@') ? out.replace(URL_PASSWORD, `$1${MASK}@`) : out;
    } catch {
      throw new RedactionError();
    }
  }

  #masked(text: string): string {
    const spans = this.#matcher.spans(text);
    if (spans.length === 0) return text;
    let out = '';
    let last = 0;
    for (let k = 0; k < spans.length; k += 2) {
      out += text.slice(last, spans[k]) + MASK;
      last = spans[k + 1] as number;
    }
    return out + text.slice(last);
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

/** `scheme://user:password@`: the password is masked wherever a URL is printed. */
const URL_PASSWORD = /\b([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s/?#@:"'<>\\]*:)(?!\*{6}@)[^\s/?#@"'<>\\]+@/g;

/** Keeps the scheme and key id of a signature (useful when debugging auth), masks the rest. */
function maskAuthorization(name: string, value: string): string {
  if (name.toLowerCase() !== 'authorization') return MASK;
  const scheme = value.split(' ', 1)[0] ?? '';
  return scheme && scheme.length < value.length ? `${scheme} ${MASK}` : MASK;
}

/**
 * Redaction itself failed: the text it was given must not be printed. The message is fixed, so
 * whatever prints it shows no secret and no text.
 */
export class RedactionError extends InternalError {
  constructor() {
    super(REDACTION_FAILED);
  }
}

export const REDACTION_FAILED = 'internal error: output could not be redacted, so it was not printed';
