/**
 * Settings that steer requests are checked before any request is made, whatever set them: the
 * environment is held to the same rules as flags, a region must look like a region (it is put
 * into host names), and credentials never travel in clear to a host off this machine.
 */
import { ConfigError } from '../errors.js';
import type { ResolvedSettings, SettingsSection, Sourced } from './section.js';

/** Cloud region ids: cn-north-4, ap-southeast-1, la-south-2, ru-moscow-1, … */
export const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;
export const REGION_RULE = 'must look like a region, e.g. cn-north-4 or ap-southeast-1';

/** The environment variables that name an endpoint of every provider; each section adds its own. */
export const ENDPOINT_VARIABLES = ['HOOKCTL_ENDPOINT'] as const;

type Env = Record<string, string | undefined>;

/** `--allow-http`, else HOOKCTL_ALLOW_HTTP (1/true or 0/false; anything else is exit 2). */
export function allowHttpFrom(flag: boolean | undefined, env: Env): boolean {
  return flag === true || envSwitch(env, 'HOOKCTL_ALLOW_HTTP');
}

/** `--no-input`, else HOOKCTL_NO_INPUT (1/true or 0/false; anything else is exit 2): never ask a question. */
export function noInputFrom(flag: boolean | undefined, env: Env): boolean {
  return flag === true || envSwitch(env, 'HOOKCTL_NO_INPUT');
}

/** An on/off variable: unset is off; 1/true or 0/false; anything else is exit 2 naming it. */
function envSwitch(env: Env, name: string): boolean {
  const value = env[name];
  if (value === undefined) return false;
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw new ConfigError(`env ${name}: must be 1 or 0 (got ${quote(value)})`);
}

/**
 * hookctl's own variables, each checked as strictly as the flag it stands for, whether or not this
 * run would use it: a set-but-broken variable is a mistake to report, not a value to skip.
 */
export function checkEnvironment(env: Env, sections: readonly SettingsSection[]): void {
  for (const name of [...ENDPOINT_VARIABLES, ...sections.flatMap((s) => s.endpointVariables ?? [])]) {
    const value = env[name];
    if (value !== undefined) checkEndpointSyntax(value, `env ${name}`);
  }
  for (const section of sections) section.checkEnvironment?.(env);
  allowHttpFrom(undefined, env);
  noInputFrom(undefined, env);
  for (const [name, range] of Object.entries(NUMERIC_VARIABLES)) envInteger(env, name, range);
}

/** Numeric HOOKCTL_* settings and their bounds; every one is checked by checkEnvironment. */
export const NUMERIC_VARIABLES: Record<string, { min: number; max: number }> = {};

/** A whole-number variable within bounds, or undefined when unset; anything else is exit 2 naming it. */
export function envInteger(env: Env, name: string, range: { min: number; max: number }): number | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < range.min || n > range.max) {
    throw new ConfigError(`env ${name}: must be a whole number from ${range.min} to ${range.max} (got ${quote(value)})`);
  }
  return n;
}

/** An endpoint's form: a non-empty http(s) URL with a usable port. Returns the parsed URL. */
export function checkEndpointSyntax(value: string, where: string): URL {
  if (value.trim() === '') throw new ConfigError(`${where}: must not be empty (unset it to use the default)`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${where}: is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`${where}: must be an http(s) URL (got ${url.protocol}//)`);
  if (url.port === '0') throw new ConfigError(`${where}: port 0 is not a port`);
  if (url.hostname === '') throw new ConfigError(`${where}: has no host`);
  return url;
}

/** 127.0.0.0/8, ::1 and localhost: a request there does not leave this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** One endpoint as used: its form, and plain http only to loopback unless allowed. */
export function checkEndpoint(endpoint: Sourced<string>, what: string, allowHttp: boolean): void {
  const url = checkEndpointSyntax(endpoint.value, `${what} (${endpoint.source})`);
  if (url.protocol === 'http:' && !allowHttp && !isLoopbackHost(url.hostname)) {
    throw new ConfigError(
      `${what} (${endpoint.source}): http://${url.host} would send credentials in clear to a host off this machine; use https, or pass --allow-http (HOOKCTL_ALLOW_HTTP=1) if you mean it`,
    );
  }
}

export function checkRegion(region: Sourced<string>): void {
  if (region.value.length > 64 || !REGION.test(region.value)) {
    throw new ConfigError(`region (${region.source}): ${REGION_RULE} (got ${quote(region.value)})`);
  }
}

/** Everything that decides where this run's requests go, after the whole credential chain. */
export function checkSettings(settings: ResolvedSettings, allowHttp: boolean, sections: readonly SettingsSection[]): void {
  for (const section of sections) section.check?.(settings, allowHttp);
}

/** A value quoted for an error line: JSON-escaped (no control characters) and cut short. */
export function quote(value: string): string {
  const cut = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return JSON.stringify(cut);
}
