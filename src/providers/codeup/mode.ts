import type { ResolvedSettings, Sourced } from '../../config/resolve.js';
import { CODEUP_OAPI } from './facts.js';

export interface CodeupModeChoice {
  mode: 'v3' | 'oapi';
  endpoint: Sourced<string>;
  /** One line for --debug: which API and why. */
  note: string;
}

/**
 * Which Codeup API to call. An explicit mode (flag, env, profile) always wins. Left at its default,
 * a personal token without an AccessKey pair selects the Yunxiao OpenAPI: v3 signs every request
 * with the key, so the token alone could never work there (codeup.md §4).
 */
export function chooseCodeupMode(codeup: ResolvedSettings['codeup']): CodeupModeChoice {
  const { mode, endpoint, token } = codeup;
  const hasKeys = codeup.accessKeyId !== undefined && codeup.accessKeySecret !== undefined;
  if (mode.source !== 'default' || !token || hasKeys) {
    return { mode: mode.value, endpoint, note: `codeup: mode ${mode.value} (${mode.source}), endpoint ${endpoint.value} (${endpoint.source})` };
  }
  // resolve.ts picked the v3 default host before the mode was known; the token needs the Yunxiao host.
  const oapiEndpoint = endpoint.source === 'default' ? { value: CODEUP_OAPI.defaultEndpoint, source: 'default (oapi)' } : endpoint;
  return {
    mode: 'oapi',
    endpoint: oapiEndpoint,
    note:
      `codeup: mode oapi chosen automatically (a personal token from ${token.source} and no AccessKey pair), ` +
      `endpoint ${oapiEndpoint.value} (${oapiEndpoint.source}); set --codeup-mode to choose`,
  };
}
