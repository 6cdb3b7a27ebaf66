/**
 * Is a hook's host an address that should never receive a hook from a hosted Git service: loopback,
 * a private or shared network, link-local, a cloud metadata endpoint? Pure: names are looked up only
 * through a resolver the caller injects (rules.ts).
 *
 * IPv4 spellings: the URL parser (WHATWG) already turns every legacy form into dotted decimal —
 * `http://2130706433/`, `http://0x7f.1/`, `http://017700000001/`, `http://127.1/` all have the
 * hostname `127.0.0.1` — so a hostname taken from `new URL()` needs no further decoding. Resolver
 * answers are plain dotted decimal or RFC 5952 text.
 *
 * IPv6: IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible (`::a.b.c.d`) and NAT64 (`64:ff9b::/96`)
 * addresses are judged by the IPv4 address they carry. Zone ids (`fe80::1%eth0`) are not valid in
 * a URL; in resolver answers they are ignored.
 */

export type AddressKind = 'loopback' | 'unspecified' | 'private' | 'shared' | 'link-local' | 'metadata' | 'unique-local' | 'site-local' | 'localhost-name';

export interface AddressClass {
  kind: AddressKind;
  /** One line for a finding: "loopback (127.0.0.0/8)". */
  label: string;
}

/** Cloud instance metadata endpoints: Alibaba Cloud, and AWS/Huawei/most others (IPv4 and AWS IPv6). */
const METADATA_V4 = new Set(['100.100.100.200', '169.254.169.254', '169.254.170.2']);
const METADATA_V6 = 'fd00:ec2:0:0:0:0:0:254'; // fd00:ec2::254, as eight groups

interface V4Range {
  base: number;
  bits: number;
  kind: AddressKind;
  label: string;
}

const V4_RANGES: V4Range[] = [
  { base: v4(0, 0, 0, 0), bits: 8, kind: 'unspecified', label: '"this network" 0.0.0.0/8 (reaches the local host)' },
  { base: v4(127, 0, 0, 0), bits: 8, kind: 'loopback', label: 'loopback 127.0.0.0/8' },
  { base: v4(10, 0, 0, 0), bits: 8, kind: 'private', label: 'private network 10.0.0.0/8 (RFC 1918)' },
  { base: v4(172, 16, 0, 0), bits: 12, kind: 'private', label: 'private network 172.16.0.0/12 (RFC 1918)' },
  { base: v4(192, 168, 0, 0), bits: 16, kind: 'private', label: 'private network 192.168.0.0/16 (RFC 1918)' },
  { base: v4(100, 64, 0, 0), bits: 10, kind: 'shared', label: 'carrier-grade NAT 100.64.0.0/10 (RFC 6598)' },
  { base: v4(169, 254, 0, 0), bits: 16, kind: 'link-local', label: 'link-local 169.254.0.0/16' },
];

function v4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

/** Dotted decimal (exactly four parts 0–255) → 32-bit number; anything else → undefined. */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(?:0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

/** IPv6 text (brackets, a zone id and an embedded dotted quad allowed) → eight 16-bit groups. */
export function parseIPv6(text: string): number[] | undefined {
  let s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(':')) return undefined;
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    // An embedded dotted quad becomes the last two groups.
    const quad = parseIPv4(last);
    if (quad === undefined) return undefined;
    s = `${s.slice(0, lastColon + 1)}${(quad >>> 16).toString(16)}:${(quad & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups = part.split(':');
    const out: number[] = [];
    for (const group of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
      out.push(Number.parseInt(group, 16));
    }
    return out;
  };
  const head = parse(halves[0] ?? '');
  const rest = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (head === undefined || rest === undefined) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return undefined;
    groups = [...head, ...new Array<number>(missing).fill(0), ...rest];
  } else {
    groups = head;
  }
  return groups.length === 8 ? groups : undefined;
}

function classifyV4(value: number, shown: string): AddressClass | undefined {
  if (METADATA_V4.has(shown)) return { kind: 'metadata', label: `cloud metadata endpoint ${shown}` };
  for (const range of V4_RANGES) {
    const mask = range.bits === 0 ? 0 : (0xffffffff << (32 - range.bits)) >>> 0;
    if ((value & mask) >>> 0 === range.base) return { kind: range.kind, label: range.label };
  }
  return undefined;
}

function dotted(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

function classifyV6(groups: number[]): AddressClass | undefined {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const embedded = ((g6 << 16) | g7) >>> 0;
  const upperZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (upperZero && g5 === 0 && g6 === 0 && g7 === 1) return { kind: 'loopback', label: 'IPv6 loopback ::1' };
  if (upperZero && g5 === 0 && g6 === 0 && g7 === 0) return { kind: 'unspecified', label: 'IPv6 unspecified address ::' };
  // IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d: the IPv4 inside decides.
  const carriesV4 = (upperZero && (g5 === 0xffff || g5 === 0)) || (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0);
  if (carriesV4) {
    const inner = classifyV4(embedded, dotted(embedded));
    return inner ? { kind: inner.kind, label: `${inner.label}, inside an IPv6 address` } : undefined;
  }
  if (groups.map((g) => g.toString(16)).join(':') === METADATA_V6) {
    return { kind: 'metadata', label: 'cloud metadata endpoint fd00:ec2::254' };
  }
  if ((g0 & 0xfe00) === 0xfc00) return { kind: 'unique-local', label: 'IPv6 unique local fc00::/7' };
  if ((g0 & 0xffc0) === 0xfe80) return { kind: 'link-local', label: 'IPv6 link-local fe80::/10' };
  if ((g0 & 0xffc0) === 0xfec0) return { kind: 'site-local', label: 'IPv6 site-local fec0::/10 (deprecated, private)' };
  return undefined;
}

/** An IP address in text (IPv4 dotted decimal or IPv6, brackets allowed) → its class, if it is not public. */
export function classifyAddress(address: string): AddressClass | undefined {
  const quad = parseIPv4(address);
  if (quad !== undefined) return classifyV4(quad, dotted(quad));
  const groups = parseIPv6(address);
  return groups ? classifyV6(groups) : undefined;
}

/** True when the text is an IP literal (so there is nothing to resolve). */
export function isIpLiteral(host: string): boolean {
  return parseIPv4(host) !== undefined || parseIPv6(host) !== undefined;
}

/**
 * A URL hostname (as `new URL().hostname` gives it) → its class when it is a literal address of a
 * non-public kind or a `localhost` name (RFC 6761: `localhost` and every name under it; a trailing
 * dot and any letter case included). Other names are public as far as this function knows.
 */
export function classifyHostname(hostname: string): AddressClass | undefined {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return { kind: 'localhost-name', label: `"${name}" names the local host` };
  return classifyAddress(name);
}
