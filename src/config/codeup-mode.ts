import { DEFAULTS, type ResolvedSettings } from './resolve.js';

type CodeupSettings = ResolvedSettings['codeup'];

/**
 * Which Codeup API a run uses, decided once, after the whole credential chain (the aliyun CLI file
 * may add a key pair late), so commands, `config show` and `auth status` all see the same answer.
 * An explicit mode (flag, env, profile) always wins. Left at its default, a personal token without
 * an AccessKey pair selects the Yunxiao OpenAPI: v3 signs every request with a key, so a token
 * alone could never call it (shared/providers/codeup.md §4).
 */
export function settleCodeupMode(codeup: CodeupSettings): CodeupSettings {
  const hasKeys = codeup.accessKeyId !== undefined && codeup.accessKeySecret !== undefined;
  if (codeup.mode.source !== 'default' || !codeup.token || hasKeys) return codeup;
  return {
    ...codeup,
    mode: { value: 'oapi', source: `automatic: a personal token (${codeup.token.source}) and no AccessKey pair` },
    // The default host was picked for v3 before the mode was known.
    endpoint: codeup.endpoint.source === 'default' ? { value: DEFAULTS.yunxiaoEndpoint, source: 'default (oapi)' } : codeup.endpoint,
  };
}
