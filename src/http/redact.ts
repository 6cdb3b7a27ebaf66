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
  /** Each value's spelling pattern, built once: a fleet run registers a secret per hook listed. */
  readonly #spellings = new Map<string, string>();
  #pattern: RegExp | undefined;
  /** Values by their first four code units, longest first: the literal-only fast path. */
  readonly #byPrefix = new Map<string, string[]>();
  #anyWithSpace = false;

  add(...values: (string | undefined)[]): void {
    for (const value of values) {
      // Very short values would mask ordinary words; they are also not credentials worth the name.
      if (value && value.length >= 4 && value !== MASK && !this.#values.has(value)) {
        this.#values.add(value);
        this.#pattern = undefined;
        const prefix = value.slice(0, 4);
        const same = this.#byPrefix.get(prefix) ?? [];
        same.push(value);
        same.sort((a, b) => b.length - a.length);
        this.#byPrefix.set(prefix, same);
        if (value.includes(' ')) this.#anyWithSpace = true;
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
   * Masks every registered secret, in any of the spellings it comes back in (spellingPattern), and
   * the password of any `scheme://user:password@` in the text.
   */
  scrub(text: string): string {
    let out = text;
    // Every spelling but the literal one needs a `%` or a `\` (or `+` for a space) in the text.
    // Without them, a scan by prefix finds the same matches as the pattern, in time linear in the
    // text whatever the number of values: a fleet run registers thousands (one per Codeup hook),
    // and that pattern takes long to build and to run.
    const literalOnly = !text.includes('%') && !text.includes('\\') && !(this.#anyWithSpace && text.includes('+'));
    if (this.#values.size > 0 && literalOnly) out = this.#literal(text);
    else if (this.#values.size > 0) {
      // Longest first, so a secret that contains another is masked whole.
      this.#pattern ??= new RegExp(
        [...this.#values]
          .sort((a, b) => b.length - a.length)
          .map((value) => {
            let spelled = this.#spellings.get(value);
            if (spelled === undefined) {
              spelled = spellingPattern(value);
              this.#spellings.set(value, spelled);
            }
            return spelled;
          })
          .join('|'),
        'g',
      );
      out = out.replace(this.#pattern, MASK);
    }
    return out.includes('@') ? out.replace(URL_PASSWORD, `$1${MASK}@`) : out;
  }

  /** Masks the literal occurrences of the values, longest first at each position, left to right. */
  #literal(text: string): string {
    let out = '';
    let last = 0;
    let i = 0;
    while (i <= text.length - 4) {
      const hit = this.#byPrefix.get(text.slice(i, i + 4))?.find((value) => text.startsWith(value, i));
      if (hit === undefined) {
        i++;
        continue;
      }
      out += text.slice(last, i) + MASK;
      i += hit.length;
      last = i;
    }
    return last === 0 ? text : out + text.slice(last);
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

/**
 * A pattern matching a secret in the ways it comes back in text, character by character, so mixed
 * spellings match too: as is; percent-encoded (either hex case, `+` for a space: a query or a form
 * body); JSON-escaped (`\"`, `\\`, `\/` as PHP and some Java encoders write it, `\n`…, and
 * `\uXXXX` in either case, which some encoders use for every non-ASCII or HTML-sensitive character).
 */
function spellingPattern(value: string): string {
  let pattern = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    const forms = [escapeRegExp(char)];
    const short = JSON_SHORT[char];
    if (short) forms.push(escapeRegExp(short));
    if (char === '/') forms.push('\\\\/');
    const units = code > 0xffff ? [char.charCodeAt(0), char.charCodeAt(1)] : [code];
    forms.push(units.map((unit) => `\\\\u${hexPattern(unit.toString(16).padStart(4, '0'))}`).join(''));
    forms.push([...new TextEncoder().encode(char)].map((byte) => `%${hexPattern(byte.toString(16).padStart(2, '0'))}`).join(''));
    if (char === ' ') forms.push('\\+');
    pattern += `(?:${forms.join('|')})`;
  }
  return pattern;
}

const JSON_SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** A hex number's digits, letters in either case. */
const hexPattern = (hex: string): string => hex.replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`);

/** Keeps the scheme and key id of a signature (useful when debugging auth), masks the rest. */
function maskAuthorization(name: string, value: string): string {
  if (name.toLowerCase() !== 'authorization') return MASK;
  const scheme = value.split(' ', 1)[0] ?? '';
  return scheme && scheme.length < value.length ? `${scheme} ${MASK}` : MASK;
}
