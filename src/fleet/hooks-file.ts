import { z } from 'zod';
import { ConfigError, UsageError } from '../errors.js';
import { credentialVariableError, credentialVariableMessage } from '../model/credential-variables.js';
import { HookEventSchema, sortEvents } from '../model/events.js';
import { type HookSpec, HookUrlSchema, MAX_TEXT_LENGTH, RegexSchema } from '../model/hook.js';
import { Secret } from '../model/secret.js';
import { hookIdentity } from '../model/url.js';
import { formatTarget, isProviderId, parseTarget } from '../providers/registry.js';
import { formatPath, formatProblem, locate, type PathKey, parseSource, type SourceDocument, type SourceLocation, type SourceProblem } from './source-map.js';

/** The pattern of hookctl's own credential variables a name matches (RunContext.credentialVariable). */
export type CredentialVariable = (name: string) => string | undefined;

/** `${env:NAME}`: the one way a hooks file names a secret. */
export const SECRET_REF = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;
const LITERAL_SECRET = `must be a reference like \${env:NAME}: a secret written into the file is refused`;
const SECRET_HINT = `put the secret in an environment variable and write secret: \${env:NAME}`;

const SecretRefSchema = z
  .string()
  .regex(SECRET_REF, { message: LITERAL_SECRET })
  .meta({ description: `The shared secret, read from an environment variable: \${env:NAME}. Never the value itself.` });

const EventsSchema = z
  .array(HookEventSchema)
  .min(1, { message: 'must name at least one event' })
  .refine((events) => new Set(events).size === events.length, { message: 'must not repeat an event' })
  .meta({ description: 'Events to deliver. Omitted: push.' });

/** Fields an entry may set and `defaults` may supply. */
const hookFields = {
  name: z.string().min(1, { message: 'must not be empty' }).max(MAX_TEXT_LENGTH).optional().meta({ description: 'Label (CodeArts: required).' }),
  description: z.string().max(MAX_TEXT_LENGTH).optional(),
  events: EventsSchema.optional(),
  branchFilter: RegexSchema.optional().meta({ description: 'Regex on the pushed branch (CodeArts). Omitted: every branch.' }),
  noteFilters: z.array(RegexSchema).optional().meta({ description: 'Regexes on comment text (CodeArts).' }),
  sslVerify: z.boolean().optional().meta({ description: 'Verify TLS when delivering (Codeup). Omitted: true.' }),
  secret: SecretRefSchema.optional(),
};

const TargetSchema = z.string().min(1, { message: 'must not be empty' });

export const HooksFileDefaultsSchema = z.strictObject(hookFields);

export const HooksFileEntrySchema = z
  .strictObject({
    target: TargetSchema.optional().meta({ description: 'One target, e.g. codeup:<org>/<project>, or a pattern.' }),
    targets: z.array(TargetSchema).min(1, { message: 'must name at least one target' }).optional(),
    url: HookUrlSchema.meta({ description: 'Delivery URL. With the target, the identity of the hook.' }),
    ...hookFields,
  })
  .superRefine((entry, ctx) => {
    if ((entry.target === undefined) === (entry.targets === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'give exactly one of target and targets' });
    }
  });

export const HooksFileSchema = z
  .strictObject({
    version: z.literal(1, { message: 'must be 1' }),
    defaults: HooksFileDefaultsSchema.optional(),
    hooks: z.array(HooksFileEntrySchema),
  })
  .meta({ title: 'hookctl hooks file', description: 'Desired webhooks, read by hookctl plan, apply and audit -f.' });
export type HooksFile = z.infer<typeof HooksFileSchema>;
export type HooksFileEntry = z.infer<typeof HooksFileEntrySchema>;

/** One hook the file asks for, on one target (patterns are kept as written, for expansion later). */
export interface DesiredHook {
  target: string;
  spec: HookSpec;
  /** `${env:NAME}` as written: what plans and messages show instead of the secret. */
  secretRef?: string;
  source: SourceLocation;
}

export interface ParsedHooksFile {
  hooks: DesiredHook[];
  /** Every target or pattern the file names, once each, in file order (the scope of --prune). */
  targets: string[];
}

/** A hooks file with problems: every problem on its own line, `file:line:column: path: message`. */
export class HooksFileError extends ConfigError {
  readonly problems: readonly SourceProblem[];

  constructor(problems: readonly SourceProblem[]) {
    const shown = problems.slice(0, 20).map(formatProblem);
    if (problems.length > shown.length) shown.push(`… and ${problems.length - shown.length} more`);
    const hint = problems.some((p) => p.message === LITERAL_SECRET) ? SECRET_HINT : undefined;
    super(shown.join('\n'), { hint });
    this.problems = problems;
  }
}

/** The JSON Schema of the file, for editors (`hookctl schema`). */
export function hooksFileJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(HooksFileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/**
 * Reads a hooks file (YAML or JSON text). Secrets are resolved from `env` and wrapped in Secret.
 * Throws HooksFileError naming file:line:column for every problem found.
 */
export function parseHooksFile(file: string, text: string, env: Record<string, string | undefined>, credentialVariable: CredentialVariable): ParsedHooksFile {
  const { source, data, problems } = parseSource(file, text);
  if (problems.length > 0) throw new HooksFileError(problems);
  const result = HooksFileSchema.safeParse(data);
  if (!result.success) throw new HooksFileError(result.error.issues.map((issue) => problemFromIssue(source, issue)));
  const parsed = desiredHooks(source, result.data, env, credentialVariable);
  assertUniqueIdentities(parsed.hooks);
  return parsed;
}

function problemFromIssue(source: SourceDocument, issue: z.core.$ZodIssue): SourceProblem {
  const path = issue.path.filter((key): key is PathKey => typeof key !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return {
      location: locate(source, path, key),
      path: formatPath([...path, key]),
      message: issue.keys.length > 1 ? `unknown keys: ${issue.keys.join(', ')}` : 'unknown key',
    };
  }
  return { location: locate(source, path), path: formatPath(path), message: issue.message };
}

function desiredHooks(
  source: SourceDocument,
  file: HooksFile,
  env: Record<string, string | undefined>,
  credentialVariable: CredentialVariable,
): ParsedHooksFile {
  const problems: SourceProblem[] = [];
  const hooks: DesiredHook[] = [];
  const targets = new Set<string>();
  const defaults = file.defaults ?? {};
  for (const [index, entry] of file.hooks.entries()) {
    const base: PathKey[] = ['hooks', index];
    const secretPath = entry.secret !== undefined ? [...base, 'secret'] : ['defaults', 'secret'];
    const secretRef = entry.secret ?? defaults.secret;
    const secret =
      secretRef === undefined
        ? undefined
        : resolveSecret(secretRef, { env, credentialVariable }, () => locate(source, secretPath), formatPath(secretPath), problems);
    const spec = buildSpec(entry, defaults, secret);
    const named =
      entry.targets !== undefined
        ? entry.targets.map((t, i) => ({ t, path: [...base, 'targets', i] }))
        : [{ t: entry.target ?? '', path: [...base, 'target'] }];
    for (const { t, path } of named) {
      const location = locate(source, path);
      const target = checkTarget(t, location, formatPath(path), problems);
      if (target === undefined) continue;
      targets.add(target);
      const hook: DesiredHook = { target, spec: { ...spec }, source: location };
      if (secretRef !== undefined) hook.secretRef = secretRef;
      hooks.push(hook);
    }
  }
  if (problems.length > 0) throw new HooksFileError(problems);
  return { hooks, targets: [...targets] };
}

function buildSpec(entry: HooksFileEntry, defaults: z.infer<typeof HooksFileDefaultsSchema>, secret: Secret | undefined): HookSpec {
  const spec: HookSpec = { url: entry.url };
  const name = entry.name ?? defaults.name;
  const description = entry.description ?? defaults.description;
  const events = entry.events ?? defaults.events;
  const branchFilter = entry.branchFilter ?? defaults.branchFilter;
  const noteFilters = entry.noteFilters ?? defaults.noteFilters;
  const sslVerify = entry.sslVerify ?? defaults.sslVerify;
  if (name !== undefined) spec.name = name;
  if (description !== undefined) spec.description = description;
  if (events !== undefined) spec.events = sortEvents(events);
  if (branchFilter !== undefined) spec.branchFilter = branchFilter;
  if (noteFilters !== undefined) spec.noteFilters = noteFilters;
  if (secret !== undefined) spec.secret = secret;
  if (sslVerify !== undefined) spec.sslVerify = sslVerify;
  return spec;
}

function resolveSecret(
  ref: string,
  { env, credentialVariable }: { env: Record<string, string | undefined>; credentialVariable: CredentialVariable },
  where: () => SourceLocation,
  path: string,
  problems: SourceProblem[],
): Secret | undefined {
  const name = SECRET_REF.exec(ref)?.[1] ?? '';
  const pattern = credentialVariable(name);
  const value = pattern === undefined ? env[name] : undefined;
  if (pattern !== undefined || value === undefined || value === '') {
    const message =
      pattern !== undefined ? credentialVariableMessage(name, pattern) : `environment variable ${name} is ${value === undefined ? 'not set' : 'empty'}`;
    const location = where();
    // A secret from `defaults` is reported once, not once per entry.
    if (!problems.some((p) => p.path === path && p.message === message)) problems.push({ location, path, message });
    return undefined;
  }
  return new Secret(value);
}

/** A literal target in canonical form, or a pattern (with `*`) kept as written. */
function checkTarget(text: string, location: SourceLocation, path: string, problems: SourceProblem[]): string | undefined {
  if (text.includes('*')) {
    const provider = text.slice(0, Math.max(0, text.indexOf(':')));
    if (isProviderId(provider)) return text;
    problems.push({ location, path, message: `pattern "${text.slice(0, 80)}": unknown provider "${provider.slice(0, 40)}"` });
    return undefined;
  }
  try {
    return formatTarget(parseTarget(text));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    problems.push({ location, path, message: error.hint ? `${error.message} (${error.hint})` : error.message });
    return undefined;
  }
}

/**
 * Two desired hooks with one identity (target, normalized URL) are an error naming both places.
 * Run again after patterns expand: two patterns may reach the same repository.
 */
export function assertUniqueIdentities(hooks: readonly DesiredHook[]): void {
  const seen = new Map<string, DesiredHook>();
  const problems: SourceProblem[] = [];
  for (const hook of hooks) {
    const key = hookIdentity(hook.target, hook.spec.url);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, hook);
      continue;
    }
    const where = `${first.source.file}:${first.source.line}:${first.source.column}`;
    problems.push({ location: hook.source, path: hook.target, message: `a hook with the same target and URL is already declared at ${where}` });
  }
  if (problems.length > 0) throw new HooksFileError(problems);
}

/**
 * The secret a `${env:NAME}` reference names, for `apply plan.json` (a saved plan holds only the
 * reference). An unset or empty variable is a usage error naming it.
 */
export function secretFromRef(ref: string, env: Record<string, string | undefined>, credentialVariable: CredentialVariable): Secret {
  const name = SECRET_REF.exec(ref)?.[1];
  if (name === undefined) throw new ConfigError(`secret reference "${ref.slice(0, 60)}" is not \${env:NAME}`);
  const pattern = credentialVariable(name);
  if (pattern !== undefined) throw credentialVariableError(`secret ${ref}`, name, pattern);
  const value = env[name];
  if (value === undefined || value === '') {
    throw new ConfigError(`environment variable ${name} is ${value === undefined ? 'not set' : 'empty'}`, { hint: `set ${name} to the hook's secret` });
  }
  return new Secret(value);
}
