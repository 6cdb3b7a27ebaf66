/**
 * The user's own config file (in the user config directory), as `config get|set|list` read and
 * edit it. Only this file: a project config is never read or written here, trusted or not. The
 * file is the one the loader would use (the first of USER_SEARCH_PLACES that exists); when there is
 * none, `set` creates config.yaml. YAML is edited as a document, so comments and order survive.
 */
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { describeJsonError, ownershipOf, USER_SEARCH_PLACES, userConfigDir } from './load.js';

export interface UserFile {
  path: string;
  /** The file's text; undefined when it does not exist yet. */
  text: string | undefined;
  /** The parsed file: a mapping ({} when absent or empty). */
  data: Record<string, unknown>;
}

/** The effects reading it needs (runtime/deps.ts provides them). */
export interface FileDeps {
  env: Record<string, string | undefined>;
  homeDir: string;
  readFile(path: string): Promise<string | undefined>;
  statMode(path: string): Promise<number | undefined>;
  fileOwner(path: string): Promise<number | undefined>;
  uid: number | undefined;
}

const SCRIPT = /\.[cm]?[jt]s$/;
const isJson = (path: string) => path.endsWith('.json');
const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The user config file, read and parsed. A script config cannot be edited as data: exit 2. */
export async function readUserFile(deps: FileDeps): Promise<UserFile> {
  const dir = userConfigDir(deps.env, deps.homeDir);
  for (const place of USER_SEARCH_PLACES) {
    const path = join(dir, place);
    const text = await deps.readFile(path).catch((error: { code?: string }) => {
      throw new ConfigError(`${path}: cannot be read (${error.code ?? 'error'})`);
    });
    if (text === undefined) continue;
    if (SCRIPT.test(path)) throw new ConfigError(`${path}: a script config; config get, set and list edit data files only`, { hint: `edit ${path} itself` });
    const unsafe = await ownershipOf(path, deps).catch(() => undefined);
    if (unsafe) throw new ConfigError(`${path}: not used: ${unsafe}; hookctl reads a config file only when you (or root) own it and nobody else can write it`);
    return { path, text, data: await parse(path, text) };
  }
  return { path: join(dir, 'config.yaml'), text: undefined, data: {} };
}

async function parse(path: string, text: string): Promise<Record<string, unknown>> {
  if (text.trim() === '') return {};
  let data: unknown;
  if (isJson(path)) {
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`${path}: not valid JSON: ${describeJsonError(error, text)}`);
    }
  } else {
    const YAML = await import('yaml');
    try {
      data = YAML.parse(text, { logLevel: 'error' });
    } catch (error) {
      throw new ConfigError(`${path}: not valid YAML: ${String((error as Error).message).split('\n')[0]}`);
    }
  }
  if (data === null || data === undefined) return {};
  if (!isMapping(data)) throw new ConfigError(`${path}: must be a mapping of settings`);
  return data;
}

/** The file's text with `path` set to `value` (missing mappings on the way are made). */
export async function withValue(file: UserFile, path: readonly string[], value: unknown): Promise<string> {
  if (isJson(file.path)) {
    const data = structuredClone(file.data);
    let at: Record<string, unknown> = data;
    for (const name of path.slice(0, -1)) {
      const next = at[name];
      if (!isMapping(next)) at[name] = {};
      at = at[name] as Record<string, unknown>;
    }
    at[path[path.length - 1] as string] = value;
    return `${JSON.stringify(data, null, 2)}\n`;
  }
  const YAML = await import('yaml');
  const doc = file.text === undefined || file.text.trim() === '' ? new YAML.Document({}) : YAML.parseDocument(file.text);
  // A scalar in the way of a deeper key is replaced by a mapping, as in the JSON case.
  for (let i = 1; i < path.length; i++) {
    const prefix = path.slice(0, i);
    if (!YAML.isMap(doc.getIn(prefix, true))) doc.setIn(prefix, doc.createNode({}));
  }
  doc.setIn(path, value);
  return doc.toString();
}

/** The value at a key path, or undefined. */
export function valueAt(data: Record<string, unknown>, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, name) => (isMapping(node) && Object.hasOwn(node, name) ? node[name] : undefined), data);
}

/** Every leaf as `dotted.key` → value (lists are leaves), in file order; bounded by the file itself. */
export function flatten(data: Record<string, unknown>, prefix: readonly string[] = []): [string[], unknown][] {
  return Object.entries(data).flatMap(([name, value]): [string[], unknown][] =>
    isMapping(value) && Object.keys(value).length > 0 ? flatten(value, [...prefix, name]) : [[[...prefix, name], value]],
  );
}
