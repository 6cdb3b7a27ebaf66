import { BOUNDS, type BoundKey } from '../model/bounds.js';
import { bool, type FlagDef, type FlagValues, int, oneOf, text } from './flags.js';

export const OUTPUT_FORMATS = ['table', 'json', 'yaml', 'csv', 'sarif'] as const;
export const CODEUP_MODES = ['v3', 'oapi'] as const;

/** A bound's flag (model/bounds.ts has its name, default, range and config key). */
function boundFlag(key: BoundKey): FlagDef<number> {
  const b = BOUNDS[key];
  return int(`${b.flag} <n>`, `${b.help}, ${b.min}-${b.max} (default ${b.default}; config \`${b.configKey}\`)`, b.min, b.max);
}

/** The options every command inherits (design §4), declared once; cli/program.ts adds them to the root. */
export const globalFlags = {
  output: oneOf('-o, --output <format>', 'output format: table, json or yaml (table on a terminal); audit and export also csv, audit sarif', OUTPUT_FORMATS),
  json: bool('--json', 'same as -o json; `--json id,url` (or `--json=id,url`) prints only those fields'),
  // `--json FIELDS` arrives here (cli/json-argv.ts): --json itself takes no value, so it never takes a target.
  jsonFields: { ...text('--json-fields <fields>', 'fields of --json output, comma-separated'), hidden: true },
  jq: text('--jq <expression>', "filter JSON output with a jq expression (implies --json), e.g. --jq '.[].url'"),
  profile: text('--profile <name>', 'config profile to use (HOOKCTL_PROFILE)'),
  config: text('--config <file>', 'config file to use instead of searching'),
  endpoint: text('--endpoint <url>', 'API base URL for the provider (HOOKCTL_ENDPOINT), e.g. the emulator'),
  region: text('--region <region>', 'Huawei Cloud region (HUAWEICLOUD_SDK_REGION), default cn-north-4'),
  codeupMode: oneOf('--codeup-mode <mode>', 'Codeup API: v3 (AK/SK signed, default) or oapi (personal token)', CODEUP_MODES),
  timeout: int(
    '--timeout <ms>',
    'deadline of each request: connect, headers and whole body, in milliseconds (default 30000)',
    1,
    600_000,
    'a whole number of milliseconds from 1 to 600000',
  ),
  retries: int('--retries <n>', 'retries of a failed request, 0-10 (default 3; config `retries`)', 0, 10),
  allowHttp: bool('--allow-http', 'allow plain http:// endpoints off this machine (HOOKCTL_ALLOW_HTTP=1); credentials travel in clear'),
  maxResponseMib: int(
    '--max-response-mib <n>',
    'largest response body read, in MiB, 1-1024 (default 32; config `maxResponseMiB`)',
    1,
    1024,
    'a whole number of MiB from 1 to 1024',
  ),
  maxPages: boundFlag('maxPages'),
  maxHooks: boundFlag('maxHooks'),
  maxListingMiB: boundFlag('maxListingMiB'),
  maxDiscoveryDepth: boundFlag('maxDiscoveryDepth'),
  maxGroups: boundFlag('maxGroups'),
  maxRepositories: boundFlag('maxRepositories'),
  maxFailures: boundFlag('maxFailures'),
  debug: bool('--debug', 'print requests and responses (credentials masked) and error details'),
  color: bool('--no-color', 'no colours (also NO_COLOR)'),
  input: bool('--no-input', 'never ask a question on the terminal; fail naming what is missing (also HOOKCTL_NO_INPUT=1, CI)'),
} as const;

/** Global flags as typed (design §4): absent when not given. */
export type GlobalFlags = FlagValues<typeof globalFlags>;

/** JSON was asked for: --json (with or without fields) or --jq, which implies it. */
export const jsonRequested = (flags: GlobalFlags): boolean => flags.json === true || flags.jsonFields !== undefined || flags.jq !== undefined;

/** `--json-fields id, url` as the list [id, url]. */
export const fieldList = (text: string): string[] =>
  text
    .split(',')
    .map((field) => field.trim())
    .filter((field) => field !== '');
