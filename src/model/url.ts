/**
 * Hook URLs as the audit sees them: parsed once, compared in a normalized form, and masked before
 * they are printed. Pure.
 */

/** Shown instead of a credential in a URL (`user:***@`, `?token=***`). */
export const URL_MASK = '***';

/** Query parameter names that carry a credential, compared lower-cased with `-` read as `_`. */
const SECRET_PARAMS = new Set([
  'token',
  'access_token',
  'accesstoken',
  'auth',
  'auth_token',
  'authorization',
  'api_key',
  'apikey',
  'key',
  'secret',
  'client_secret',
  'password',
  'passwd',
  'pwd',
  'sig',
  'signature',
  'private_token',
]);

/** Names ending in one of these after a separator (`x_api_token`, `webhook-secret`, `sharedKey` is not). */
const SECRET_SUFFIX = /[_.](?:token|secret|key|password|passwd|sig|signature)$/;

export function isSecretParamName(name: string): boolean {
  const normalized = name.toLowerCase().replace(/-/g, '_');
  return SECRET_PARAMS.has(normalized) || SECRET_SUFFIX.test(normalized);
}

export function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * The identity of a URL for comparing hooks: scheme and host lower-cased, default port dropped,
 * percent-encoding normalized and a fragment dropped (all by the URL parser), path and query kept
 * as they are (a receiver may tell `/a` from `/a/`). Unparseable text compares as itself.
 */
export function normalizeUrl(text: string): string {
  const url = parseUrl(text);
  if (!url) return text;
  url.hash = '';
  return url.href;
}

export interface UrlCredentials {
  /** `user:password@` or a lone `token@` in the authority. */
  userinfo: boolean;
  /** Names of query parameters that look like credentials and have a value. */
  params: string[];
}

/** The credentials a URL carries in plain sight (never their values). */
export function urlCredentials(text: string): UrlCredentials {
  const url = parseUrl(text);
  if (!url) return { userinfo: false, params: [] };
  const params: string[] = [];
  for (const [name, value] of url.searchParams) {
    if (value !== '' && isSecretParamName(name) && !params.includes(name)) params.push(name);
  }
  return { userinfo: url.username !== '' || url.password !== '', params };
}

/**
 * The URL as it may be printed: `user:pass@` → `user:***@`, a lone `token@` → `***@` (a bare
 * userinfo is usually a token), and the value of every token-looking query (or fragment) parameter
 * → `***`.
 * Everything else is kept byte for byte (the query is rewritten segment by segment, not
 * re-encoded). Text that does not parse as a URL is masked by pattern.
 */
export function maskUrl(text: string): string {
  const url = parseUrl(text);
  if (!url) return maskByPattern(text);
  const schemeEnd = text.indexOf('//');
  let out = text;
  if ((url.username !== '' || url.password !== '') && schemeEnd >= 0) {
    const authorityStart = schemeEnd + 2;
    const rest = text.slice(authorityStart);
    const authorityEnd = rest.search(/[/?#\\]/);
    const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      const userinfo = authority.slice(0, at);
      const colon = userinfo.indexOf(':');
      const masked = colon >= 0 ? `${userinfo.slice(0, colon)}:${URL_MASK}` : URL_MASK;
      out = `${text.slice(0, authorityStart)}${masked}${authority.slice(at)}${authorityEnd < 0 ? '' : rest.slice(authorityEnd)}`;
    }
  }
  return maskQuery(out);
}

function maskQuery(text: string): string {
  const hash = text.indexOf('#');
  const beforeHash = hash < 0 ? text : text.slice(0, hash);
  // A fragment is never sent, but it is printed: `#access_token=…` (an OAuth habit) is masked too.
  const fragment = hash < 0 ? '' : `#${maskPairs(text.slice(hash + 1))}`;
  const question = beforeHash.indexOf('?');
  if (question < 0) return `${beforeHash}${fragment}`;
  return `${beforeHash.slice(0, question + 1)}${maskPairs(beforeHash.slice(question + 1))}${fragment}`;
}

/** `a=1&token=x` → `a=1&token=***`: each pair kept as written unless its name looks like a credential. */
function maskPairs(pairs: string): string {
  return pairs
    .split('&')
    .map((segment) => {
      const eq = segment.indexOf('=');
      if (eq < 0) return segment;
      let name = segment.slice(0, eq);
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed escape: the raw name is judged.
      }
      return isSecretParamName(name) && eq < segment.length - 1 ? `${segment.slice(0, eq)}=${URL_MASK}` : segment;
    })
    .join('&');
}

function maskByPattern(text: string): string {
  return maskQuery(text.replace(/(\/\/[^\s/?#@:]*:)[^\s/?#@]+@/g, `$1${URL_MASK}@`));
}

/**
 * The identity key of a hook on a target for plan, apply, export and audit: `target` + space +
 * normalized URL. Hook ids change on replace-style providers; URLs do not.
 */
export function hookIdentity(target: string, url: string): string {
  return `${target} ${normalizeUrl(url)}`;
}
