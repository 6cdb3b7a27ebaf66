/**
 * The URL half of a hook's identity (target, URL) for plan, apply, export and audit: hook ids
 * change on replace-style providers, URLs do not.
 *
 * Normalization: scheme and host lower-case, the scheme's default port dropped, an empty path
 * becomes "/"; path, query and fragment keep their case (servers may treat them case-sensitively).
 * This is what the WHATWG URL parser does, so the normalized form is `new URL(url).href`.
 * A string that is not a URL is returned unchanged, so an odd URL read from a provider still has
 * an identity (equal only to itself).
 */
export function normalizeUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

/** The identity key of a hook on a target: `target` + space + normalized URL. */
export function hookIdentity(target: string, url: string): string {
  return `${target} ${normalizeUrl(url)}`;
}
