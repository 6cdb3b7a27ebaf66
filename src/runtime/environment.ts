/**
 * Every environment variable hookctl reads, with what it does: `hookctl help environment` prints
 * this list. Providers' own variables come from their settings sections (runtime/providers.ts), so
 * a provider added to the registry is listed without an edit here. test/unit/runtime/environment
 * greps src/ for env reads and fails on one this list does not name.
 */
export const ENVIRONMENT: readonly { name: string; description: string }[] = [
  { name: 'HOOKCTL_PROFILE', description: 'config profile to use (--profile)' },
  { name: 'HOOKCTL_ENDPOINT', description: 'API base URL for every provider (--endpoint), e.g. the emulator' },
  { name: 'HOOKCTL_ALLOW_HTTP', description: '1: allow plain http:// endpoints off this machine (--allow-http)' },
  { name: 'HOOKCTL_CODEUP_MODE', description: 'Codeup API: v3 or oapi (--codeup-mode)' },
  { name: 'HOOKCTL_IAM_USER', description: 'Huawei IAM user login (with _PASSWORD and _DOMAIN)' },
  { name: 'HOOKCTL_IAM_PASSWORD', description: 'Huawei IAM user password' },
  { name: 'HOOKCTL_IAM_DOMAIN', description: 'Huawei IAM account (domain) name' },
  { name: 'HOOKCTL_IAM_PROJECT', description: 'Huawei IAM project to scope the token to' },
  { name: 'HOOKCTL_NO_INPUT', description: '1: never ask a question on the terminal (--no-input)' },
  { name: 'CI', description: 'set (not false or 0): never ask a question, as with --no-input' },
  { name: 'NO_COLOR', description: 'any value: no colours (--no-color)' },
  { name: 'TERM', description: 'dumb: no colours' },
  { name: 'COLUMNS', description: "table width on a terminal (default: the terminal's own)" },
  { name: 'XDG_CONFIG_HOME', description: 'user config directory (default ~/.config); hookctl uses its hookctl/ folder' },
  { name: 'APPDATA', description: 'user config directory on Windows' },
  { name: 'XDG_CACHE_HOME', description: 'cache directory (default ~/.cache): IAM tokens' },
  { name: 'HTTP_PROXY', description: 'proxy for http requests (also http_proxy)' },
  { name: 'HTTPS_PROXY', description: 'proxy for https requests (also https_proxy)' },
  { name: 'NO_PROXY', description: 'hosts reached without the proxy (also no_proxy)' },
];

/** What a provider settings section declares it reads (config/section.ts). */
export interface SectionVariables {
  profileKey: string;
  credentialVariables: readonly string[];
  endpointVariables?: readonly string[] | undefined;
}

/** The lines of `hookctl help environment`: hookctl's own variables, then each provider section's. */
export function environmentHelp(sections: readonly SectionVariables[]): string {
  const width = Math.max(...listedVariables(sections).map((name) => name.length));
  const lines = ['Environment variables hookctl reads (flags beat environment beat profile):', ''];
  for (const v of ENVIRONMENT) lines.push(`  ${v.name.padEnd(width)}  ${v.description}`);
  for (const section of sections) {
    lines.push('', `${section.profileKey}:`);
    for (const name of section.endpointVariables ?? []) lines.push(`  ${name.padEnd(width)}  API base URL for this provider`);
    for (const name of section.credentialVariables)
      lines.push(`  ${name.padEnd(width)}  ${name.endsWith('*') ? 'credentials and settings (see README "Credentials")' : 'credential'}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Every name and pattern the help lists: a read of a variable outside it is drift. */
export function listedVariables(sections: readonly SectionVariables[]): string[] {
  return [...ENVIRONMENT.map((v) => v.name), ...sections.flatMap((s) => [...(s.endpointVariables ?? []), ...s.credentialVariables])];
}
