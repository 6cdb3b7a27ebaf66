/**
 * The fault SPEC syntax (README "Reliability"; faults.ts applies what this parses).
 *
 * SPEC is a KIND and key=value OPTIONS, separated by `:` or `,` in any order (`503:times=2`,
 * `rate=0.1:reset-after`, `503,method=GET`):
 *   kinds    429 | 500 | 502 | 503 | 504 (any 4xx/5xx status, in the provider's error body shape),
 *            latency, reset-before, reset-after, bad-json, wrong-shape, slow-body, html
 *   times=N  fire on the next N matching requests (`all`: every one; default 1, or all with rate)
 *   rate=P   fire on each matching request with probability P, from a PRNG seeded by --seed
 *   skip=N   let the first N matching requests through untouched
 *   method=GET|PUT  only these methods     path=REGEX  only paths matching (no commas)
 *   ms=N     latency: the delay (default 1000); slow-body: the pause between chunks (default 200)
 *   retry-after=N   seconds, sent as Retry-After (a 429 sends 1 unless told otherwise)
 * Examples: `503:times=2,method=GET`, `rate=0.1:reset-after`, `429:retry-after=2,path=/hooks$`.
 */
export const FAULT_KINDS = ['latency', 'reset-before', 'reset-after', 'bad-json', 'wrong-shape', 'slow-body', 'html'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number] | 'status';

export interface FaultRule {
  /** The text it was parsed from, shown by GET /_emulator/faults. */
  spec: string;
  kind: FaultKind;
  status?: number | undefined;
  retryAfterSeconds?: number | undefined;
  ms: number;
  methods?: readonly string[] | undefined;
  path?: RegExp | undefined;
  rate?: number | undefined;
  /** undefined: no limit. */
  times?: number | undefined;
  skip: number;
}

export class FaultSpecError extends Error {}

export function parseFaultSpec(text: string): FaultRule {
  const spec = text.trim();
  const { kindText, options } = tokenize(spec);
  if (kindText === undefined) throw new FaultSpecError(`fault "${spec}": no kind (use a status like 503, or ${FAULT_KINDS.join(', ')})`);
  const status = /^\d{3}$/.test(kindText) ? Number(kindText) : undefined;
  if (status !== undefined && (status < 400 || status > 599)) throw new FaultSpecError(`fault "${spec}": a status must be 400-599`);
  const kind: FaultKind = status === undefined ? (kindText as FaultKind) : 'status';
  const rule: FaultRule = { spec, kind, status, ms: kind === 'slow-body' ? 200 : 1000, skip: 0, retryAfterSeconds: status === 429 ? 1 : undefined };
  let times: number | 'all' | undefined;
  for (const option of options) {
    const at = option.indexOf('=');
    const key = option.slice(0, at).trim();
    const value = option.slice(at + 1).trim();
    if (at < 0 || value === '') throw new FaultSpecError(`fault "${spec}": "${option}" is not key=value`);
    if (key === 'times') times = value === 'all' ? 'all' : count(spec, key, value);
    else if (key === 'rate') rule.rate = probability(spec, value);
    else if (key === 'skip') rule.skip = count(spec, key, value);
    else if (key === 'ms') rule.ms = count(spec, key, value);
    else if (key === 'retry-after') rule.retryAfterSeconds = count(spec, key, value);
    else if (key === 'method') rule.methods = value.toUpperCase().split('|');
    else if (key === 'path') rule.path = regex(spec, value);
    else throw new FaultSpecError(`fault "${spec}": unknown option "${key}"`);
  }
  rule.times = times === 'all' ? undefined : (times ?? (rule.rate === undefined ? 1 : undefined));
  return rule;
}

const isKind = (token: string) => /^\d{3}$/.test(token) || (FAULT_KINDS as readonly string[]).includes(token.toLowerCase());

/**
 * Splits at every `:` and `,`; the one token that names a kind is the kind, the others are
 * key=value options. A piece that is neither continues the option before it, separator included,
 * so a `path=` regex may hold colons and commas (`path=/ns:repo/`, `path=a{1,3}`).
 */
function tokenize(spec: string): { kindText: string | undefined; options: string[] } {
  let kindText: string | undefined;
  const options: string[] = [];
  const pieces = spec.split(/([:,])/);
  for (let i = 0; i < pieces.length; i += 2) {
    const token = (pieces[i] ?? '').trim();
    const separator = pieces[i - 1] ?? '';
    if (token.includes('=')) options.push(token);
    else if (isKind(token) && kindText === undefined) kindText = token.toLowerCase();
    else if (options.length > 0) options[options.length - 1] += `${separator}${pieces[i] ?? ''}`;
    else if (token !== '') throw new FaultSpecError(`fault "${spec}": unknown kind "${token}" (use a status like 503, or ${FAULT_KINDS.join(', ')})`);
  }
  return { kindText, options };
}

function count(spec: string, key: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 3_600_000) throw new FaultSpecError(`fault "${spec}": ${key} must be a whole number (got "${value}")`);
  return n;
}

function probability(spec: string, value: string): number {
  const p = Number(value);
  if (!Number.isFinite(p) || p <= 0 || p > 1) throw new FaultSpecError(`fault "${spec}": rate must be above 0 and at most 1 (got "${value}")`);
  return p;
}

function regex(spec: string, value: string): RegExp {
  try {
    return new RegExp(value);
  } catch {
    throw new FaultSpecError(`fault "${spec}": path is not a regular expression`);
  }
}

/** mulberry32: a tiny seeded PRNG, so a run with the same --seed fails the same requests. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
