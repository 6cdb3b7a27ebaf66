import { resolve } from 'node:path';
import { type GlobalFlags, type RunContext, createContext } from '../cli/context.js';
import type { Deps } from '../cli/deps.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { ResolvedSettings, Sourced } from '../config/resolve.js';
import type { Redactor } from '../http/redact.js';
import { ConfigError } from '../errors.js';
import { MASK, isSecret } from '../model/secret.js';
import { createIo, type Io } from '../output/io.js';
import { printData } from '../output/render.js';
import { SETTINGS_SECTIONS } from '../providers/registry.js';

type Shown = { value: unknown; source: string } | undefined;

/** Resolved settings as printed: every secret masked, every value with the source that set it. */
export function describeSettings(settings: ResolvedSettings): Record<string, unknown> {
  const show = (item: Sourced<unknown> | undefined): Shown =>
    item === undefined ? undefined : { value: mask(item.value), source: item.source };
  return {
    file: settings.file ?? null,
    profile: settings.profileName ?? null,
    output: settings.output ?? 'table',
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    // One entry per provider settings section, under its profile key (e.g. huaweicloud).
    ...Object.fromEntries(SETTINGS_SECTIONS.map((section) => [section.profileKey, mapValues(sectionOf(settings, section.key), show)])),
  };
}

const sectionOf = (settings: ResolvedSettings, key: string): object => ((settings as unknown as Record<string, object | undefined>)[key] ?? {});

function mask(value: unknown): unknown {
  if (isSecret(value)) return MASK;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v)]));
  return value;
}

function mapValues<T extends object>(section: T, fn: (item: Sourced<unknown> | undefined) => Shown): Record<string, Shown> {
  const out: Record<string, Shown> = {};
  for (const [key, item] of Object.entries(section)) {
    const shown = fn(item as Sourced<unknown> | undefined);
    if (shown !== undefined) out[key] = shown;
  }
  return out;
}

export async function runConfigShow(ctx: RunContext): Promise<number> {
  const settings = await ctx.settings();
  const described = describeSettings(settings);
  const format = await ctx.outputFormat();
  if (format !== 'table') {
    await printData(ctx.io, format, described);
    return ExitCode.ok;
  }
  const { io } = ctx;
  io.out(`${io.color.bold('file')}     ${settings.file ?? '(none found; defaults and environment only)'}`);
  io.out(`${io.color.bold('profile')}  ${settings.profileName ?? '(none)'}`);
  io.out(`${io.color.bold('timeout')}  ${settings.timeoutMs} ms   ${io.color.bold('retries')} ${settings.retries}`);
  for (const section of SETTINGS_SECTIONS.map((s) => s.profileKey)) {
    io.out(`\n${io.color.bold(section)}`);
    for (const [key, item] of Object.entries(described[section] as Record<string, { value: unknown; source: string }>)) {
      const value = typeof item.value === 'object' ? JSON.stringify(item.value) : String(item.value);
      io.out(`  ${key.padEnd(16)} ${value}  ${io.color.dim(`(${item.source})`)}`);
    }
  }
  return ExitCode.ok;
}

export async function action(input: { args: string[]; opts: Record<string, unknown>; globals: GlobalFlags }, deps: Deps, redactor: Redactor): Promise<number> {
  return runConfigShow(createContext(input.globals, deps, redactor));
}

/**
 * `hookctl config trust [FILE]`: records FILE's path and the sha256 of its current content in the
 * user's trust store, so that a project config may set endpoints, region and credentials. Without
 * FILE, the project config the search finds from here. A later edit makes the file untrusted again.
 */
export async function runConfigTrust(file: string | undefined, globals: GlobalFlags, deps: Deps, io: Io): Promise<number> {
  const { findConfig, ownershipOf, parseDataFile, readTrustStore, canonicalPath, userConfigDir } = await import('../config/load.js');
  const { serializeStore, sha256, trustFilePath, withTrusted } = await import('../config/trust.js');
  const warn = (line: string) => io.err(`${io.color.yellow('warning:')} ${line}`);
  const access = { statMode: deps.statMode, fileOwner: deps.fileOwner, uid: deps.uid };
  let path: string;
  let content: string;
  if (file === undefined) {
    const found = await findConfig({ cwd: deps.cwd, homeDir: deps.homeDir, env: deps.env, exists: deps.exists, ...access, warn });
    if (!found) throw new ConfigError('no project config found from here to trust (the search stops at the repository root or your home directory)', { hint: 'name the file: hookctl config trust FILE' });
    if (found.origin !== 'project') {
      io.out(`${found.filepath} is in your own directory and is trusted as it is`);
      return ExitCode.ok;
    }
    ({ filepath: path, content } = found);
  } else {
    path = resolve(deps.cwd, file);
    const text = await deps.readFile(path).catch((error: { code?: string }) => {
      throw new ConfigError(`${path}: cannot be read (${error.code ?? 'error'})`);
    });
    if (text === undefined) throw new ConfigError(`${path}: file not found`);
    content = text;
    const unsafe = await ownershipOf(path, access).catch(() => undefined);
    if (unsafe) throw new ConfigError(`${path}: not trusted: ${unsafe}; hookctl reads a config file only when you (or root) own it and nobody else can write it`);
  }
  await parseDataFile(path, content);
  const canonical = await canonicalPath(path);
  const storePath = trustFilePath(userConfigDir(deps.env, deps.homeDir));
  const store = await readTrustStore({ env: deps.env, homeDir: deps.homeDir, ...access }, warn);
  const hash = sha256(content);
  await deps.writeFile(storePath, serializeStore(withTrusted(store, canonical, content, deps.now())));
  const format = globals.json ? 'json' : globals.output;
  if (format === 'json' || format === 'yaml') {
    await printData(io, format, { file: canonical, sha256: hash, store: storePath });
    return ExitCode.ok;
  }
  io.out(`trusted ${canonical} (sha256 ${hash.slice(0, 16)}…); editing it makes it untrusted again`);
  return ExitCode.ok;
}

export async function trustAction(input: { args: string[]; opts: Record<string, unknown>; globals: GlobalFlags }, deps: Deps, _redactor: Redactor): Promise<number> {
  const io = createIo({ stdout: deps.stdout, stderr: deps.stderr, env: deps.env, noColor: input.globals.color === false });
  return runConfigTrust(input.args[0], input.globals, deps, io);
}
