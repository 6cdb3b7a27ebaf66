import { classifyAddress, classifyHostname, isIpLiteral } from '../fleet/address.js';

/**
 * Why a test delivery should not go to this URL: the label of the first non-public address its host
 * is or resolves to (loopback, private, link-local, metadata…), or undefined when it is public.
 * Names are resolved only through the injected `lookup`.
 */
export async function checkDestination(url: URL, lookup: (hostname: string) => Promise<string[]>): Promise<string | undefined> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const direct = classifyHostname(host);
  if (direct) return direct.label;
  if (isIpLiteral(host)) return undefined;
  for (const address of await lookup(host)) {
    const found = classifyAddress(address);
    if (found) return `${found.label} (${host} resolves to ${address})`;
  }
  return undefined;
}
