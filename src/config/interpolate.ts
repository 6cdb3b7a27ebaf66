import { ConfigError } from '../errors.js';

const ENV_REF = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;
/** Real configs nest four or five levels; a file nested thousands deep would overflow the stack. */
const MAX_DEPTH = 32;

/**
 * Replaces `${env:NAME}` in every string of a config value. An unset variable is an error naming
 * the key path, so a typo does not silently become an empty credential.
 */
export function interpolateEnv(value: unknown, env: Record<string, string | undefined>, file: string, path: string[] = []): unknown {
  if (path.length > MAX_DEPTH) {
    throw new ConfigError(`${file}: ${path.slice(0, 3).join('.')}…: nested more than ${MAX_DEPTH} levels deep`);
  }
  if (typeof value === 'string') {
    return value.replace(ENV_REF, (_match, name: string) => {
      const found = env[name];
      if (found === undefined) {
        throw new ConfigError(`${file}: ${path.join('.') || '(root)'}: environment variable ${name} is not set`);
      }
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => interpolateEnv(item, env, file, [...path, String(i)]));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateEnv(item, env, file, [...path, key])]));
  }
  return value;
}

/** True when text remains after removing every `${env:NAME}` reference: a value written into the file. */
export function hasLiteralText(value: string): boolean {
  return value.replace(ENV_REF, '').trim() !== '';
}
