import ipaddr from 'ipaddr.js';
import { NetworkError, UsageError } from '../errors.js';
import { classifyAddress, classifyHostname, isIpLiteral } from '../fleet/address.js';

/** Where a test delivery goes: the one address it connects to, and why it should not, if it should not. */
export interface Destination {
  /** The address the connection is pinned to: the literal itself, or the first address the name resolved to. */
  address: string;
  /** The label of the first address (of all the name resolved to) that is not public; undefined when all are. */
  refusal: string | undefined;
}

/**
 * Resolves the URL's host once and judges every address it got, so the address checked is the
 * address connected to (a second lookup could answer differently: DNS rebinding). A name that does
 * not resolve, or ends in a dot (resolvers and TLS disagree on what it means), is refused here:
 * there is no checked address to connect to.
 */
export async function resolveDestination(url: URL, resolve: (hostname: string) => Promise<readonly string[]>): Promise<Destination> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const named = classifyHostname(host);
  if (named) return { address: host, refusal: named.label };
  if (isIpLiteral(host)) return { address: host, refusal: specialPurpose(host) };
  if (host.endsWith('.')) throw new UsageError(`${url.protocol}//${url.host}: a host name ending in "." is not sent to; write it without the trailing dot`);
  let addresses: readonly string[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new NetworkError(`${host} does not resolve${typeof code === 'string' ? ` (${code})` : ''}: nothing was sent`, { sent: false });
  }
  const [first] = addresses;
  if (first === undefined) throw new NetworkError(`${host} does not resolve (no addresses): nothing was sent`, { sent: false });
  for (const address of addresses) {
    const label = specialPurpose(address);
    if (label) return { address: first, refusal: `${label} (${host} resolves to ${address})` };
  }
  return { address: first, refusal: undefined };
}

/**
 * The label of an address that is not an ordinary public unicast one: the named classes first
 * (loopback, private, metadata…), then every other range of the IANA IPv4 and IPv6
 * special-purpose address registries (benchmarking, multicast, broadcast, protocol assignments,
 * documentation, IPv4-translated, 6to4, Teredo…), as ipaddr.js keeps them. Text that is not an
 * address at all is refused too.
 */
export function specialPurpose(address: string): string | undefined {
  const known = classifyAddress(address);
  if (known) return known.label;
  let range: string;
  try {
    range = ipaddr.parse(address).range();
  } catch {
    return `"${address}", not an IP address`;
  }
  return range === 'unicast' ? undefined : `special-purpose address ${address} (IANA registry: ${range})`;
}
