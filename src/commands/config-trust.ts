import { ConfigError, ExitCode } from '../errors.js';
import type { RunContext } from '../runtime/context.js';
import type { VerbInput } from '../runtime/flags.js';
import { jsonRequested } from '../runtime/global-flags.js';

/**
 * `hookctl config trust [FILE]`: records FILE's path and the sha256 of its current content in the
 * user's trust store, so that a project config may set endpoints, region and credentials. Without
 * FILE, the project config the search finds from here. A later edit makes the file untrusted again.
 */
export const flags = {} as const;

export interface TrustOptions {
  /** The config file to trust; absent: the project config found from here. */
  file: string | undefined;
}

export function parse(input: VerbInput<typeof flags>): TrustOptions {
  return { file: input.args[0] };
}

export async function run(options: TrustOptions, ctx: RunContext): Promise<number> {
  const { deps, io, flags: globals } = ctx;
  const { file } = options;
  const { resolve } = await import('node:path');
  const { findConfig, ownershipOf, parseDataFile, readTrustStore, canonicalPath, userConfigDir } = await import('../config/load.js');
  const { serializeStore, sha256, trustFilePath, withTrusted } = await import('../config/trust.js');
  const { fileErrorReason } = await import('../runtime/deps.js');
  const warn = (line: string) => io.err(`${io.color.yellow('warning:')} ${line}`);
  const access = { statMode: deps.statMode, fileOwner: deps.fileOwner, uid: deps.uid };
  let path: string;
  let content: string;
  if (file === undefined) {
    const found = await findConfig({ cwd: deps.cwd, homeDir: deps.homeDir, env: deps.env, exists: deps.exists, ...access, warn });
    if (!found)
      throw new ConfigError('no project config found from here to trust (the search stops at the repository root or your home directory)', {
        hint: 'name the file: hookctl config trust FILE',
      });
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
    if (unsafe)
      throw new ConfigError(`${path}: not trusted: ${unsafe}; hookctl reads a config file only when you (or root) own it and nobody else can write it`);
  }
  await parseDataFile(path, content);
  const canonical = await canonicalPath(path);
  const storePath = trustFilePath(userConfigDir(deps.env, deps.homeDir));
  const hash = sha256(content);
  // Read, add, write under the store's lock: concurrent `config trust` runs each keep their entry.
  await deps
    .withFileLock(storePath, async () => {
      const store = await readTrustStore({ env: deps.env, homeDir: deps.homeDir, ...access }, warn);
      await deps.writeFile(storePath, serializeStore(withTrusted(store, canonical, content, deps.now())));
    })
    .catch((error: Error & { code?: string }) => {
      throw new ConfigError(`${storePath}: cannot record the trust (${fileErrorReason(error)})`);
    });
  const format = jsonRequested(globals) ? 'json' : globals.output;
  if (format === 'json' || format === 'yaml') {
    await (await import('../output/render.js')).printData(io, format, { file: canonical, sha256: hash, store: storePath });
    return ExitCode.ok;
  }
  io.out(`trusted ${canonical} (sha256 ${hash.slice(0, 16)}…); editing it makes it untrusted again`);
  return ExitCode.ok;
}
