import { UsageError } from '../../errors.js';
import { FIELD_FLAGS, MASKED_VALUE } from '../../hooks/fields.js';
import type { HookEvent } from '../../model/events.js';
import type { HookSpec } from '../../model/hook.js';
import { Secret } from '../../model/secret.js';
import type { Target } from '../../model/target.js';
import type { RunContext } from '../../runtime/context.js';
import type { Prompter } from '../../runtime/deps.js';
import { asker } from '../../runtime/interactive.js';
import type { Capabilities } from '../../runtime/providers.js';
import { parseTarget, TARGET_FORMS } from '../../runtime/providers.js';
import { secretStdinTerminalError, validateSpec } from './flags.js';

/** What `hooks create` was given: the target may be absent, the spec partial. */
export interface CreateInput {
  target: Target | undefined;
  patch: Partial<HookSpec>;
  /** --secret-stdin with stdin on the terminal: the secret is typed at a hidden prompt. */
  secretFromTerminal: boolean;
}

/** The text fields a provider may require that are asked as free text. */
const TEXT_FIELDS = ['name', 'description'] as const;

/**
 * The complete target and spec. Where something is missing: on a terminal where questions are
 * allowed (runtime/interactive.ts), asked for; anywhere else one usage error names every missing
 * field (exit 2, nothing sent, nothing waited for).
 */
export async function completeCreate(input: CreateInput, ctx: RunContext): Promise<{ target: Target; spec: HookSpec }> {
  const about = input.target && (await providerOf(input.target, ctx));
  const missing = missingFields(input, about);
  const ask = missing.length > 0 || input.secretFromTerminal ? asker(ctx) : undefined;
  if (!ask) {
    if (missing.length > 0) throw missingError(missing, about?.label);
    if (input.secretFromTerminal) throw secretStdinTerminalError();
    return { target: input.target as Target, spec: validateSpec(input.patch) };
  }
  const target = input.target ?? (await askTarget(ask));
  const { capabilities, label } = about ?? (await providerOf(target, ctx));
  const patch: Partial<HookSpec> = { ...input.patch };
  // Only the secret missing (--secret-stdin on the terminal): that alone is asked.
  const full = missing.length > 0;
  if (patch.url === undefined) {
    patch.url = (await ask.text({ message: 'Delivery URL (http or https)', validate: (v) => rule('url', v.trim(), capabilities) })).trim();
    ctx.redactor.addUrlCredentials(patch.url);
  }
  if (full && patch.events === undefined && capabilities.fields.events !== 'unsupported') patch.events = await askEvents(ask, capabilities, label);
  for (const field of TEXT_FIELDS) {
    if (patch[field] !== undefined || capabilities.fields[field] !== 'required') continue;
    patch[field] = await ask.text({ message: `${capitalized(field)} (required by ${label})`, validate: (v) => rule(field, v, capabilities) });
  }
  if ((full || input.secretFromTerminal) && patch.secret === undefined && capabilities.fields.secret !== 'unsupported') {
    const secret = await askSecret(ask, capabilities, label, (line) => ctx.io.err(line));
    if (secret !== undefined) {
      ctx.redactor.add(secret);
      patch.secret = new Secret(secret);
    }
  }
  return { target, spec: validateSpec(patch) };
}

/** The provider as the create will see it (its service: the capabilities of this run's API mode). */
async function providerOf(target: Target, ctx: RunContext): Promise<{ label: string; capabilities: Capabilities }> {
  const { label, capabilities } = await ctx.hooks(target.provider);
  return { label, capabilities };
}

interface Missing {
  field: string;
  flag: string;
  /** Required by the provider (not by hookctl itself). */
  byProvider: boolean;
}

function missingFields(input: CreateInput, about: { capabilities: Capabilities } | undefined): Missing[] {
  const missing: Missing[] = [];
  if (!input.target) missing.push({ field: 'target', flag: 'the <target> argument', byProvider: false });
  if (input.patch.url === undefined) missing.push({ field: 'url', flag: FIELD_FLAGS.url, byProvider: false });
  for (const [field, support] of Object.entries(about?.capabilities.fields ?? {}) as [keyof typeof FIELD_FLAGS, string][]) {
    if (field === 'url' || support !== 'required' || input.patch[field] !== undefined) continue;
    if (field === 'secret' && input.secretFromTerminal) continue;
    missing.push({ field, flag: FIELD_FLAGS[field], byProvider: true });
  }
  return missing;
}

/** One line, in the words of the single-field errors: `url (--url): is required`, or all of them. */
function missingError(missing: Missing[], label: string | undefined): UsageError {
  const hint = 'pass them as flags, or run on a terminal (without --no-input or CI) to be asked';
  const [only] = missing;
  if (missing.length === 1 && only) {
    if (only.field === 'target')
      return new UsageError('target (the <target> argument): is required', { hint: `expected one of ${Object.values(TARGET_FORMS).join(', ')}` });
    return new UsageError(only.byProvider ? `${only.field} (${only.flag}) is required by ${label}` : `${only.field} (${only.flag}): is required`, { hint });
  }
  const named = missing.map((m) => `${m.field} (${m.flag}${m.byProvider ? `, by ${label}` : ''})`);
  return new UsageError(`missing ${named.join(', ')}: all are required`, { hint });
}

async function askTarget(ask: Prompter): Promise<Target> {
  const forms = Object.values(TARGET_FORMS).join(', ');
  const answer = await ask.text({
    message: `Target (${forms})`,
    validate: (value) => {
      try {
        parseTarget(value.trim());
        return true;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    },
  });
  return parseTarget(answer.trim());
}

/** The provider's events, `checked` ticked (push for a new hook, the current ones for an update). */
export async function askEvents(ask: Prompter, capabilities: Capabilities, label: string, checked: readonly string[] = ['push']): Promise<HookEvent[]> {
  const chosen = await ask.choose({
    message: `Events (${label}; space to toggle, enter to accept)`,
    choices: capabilities.events.map((event) => ({ value: event, checked: checked.includes(event) })),
    validate: (values) => (values.length > 0 ? true : 'choose at least one event'),
  });
  return chosen as HookEvent[];
}

/** How many times the two hidden entries may differ before the create gives up (exit 2). */
const SECRET_ATTEMPTS = 3;

/**
 * Hidden, twice, as passwd asks; entries that differ are asked again from the first, at most
 * SECRET_ATTEMPTS times. Empty is no secret where the provider does not require one.
 */
export async function askSecret(
  ask: Prompter,
  capabilities: Capabilities,
  label: string,
  say: (line: string) => void,
  emptyMeans = 'none',
): Promise<string | undefined> {
  const required = capabilities.fields.secret === 'required' && emptyMeans === 'none';
  for (let attempt = 1; attempt <= SECRET_ATTEMPTS; attempt++) {
    const first = await ask.secret({
      message: required ? `Secret (hidden; required by ${label})` : `Secret (hidden; empty for ${emptyMeans})`,
      validate: (value) => (value === '' ? (required ? `a secret is required by ${label}` : true) : rule('secret', value, capabilities)),
    });
    if (first === '') return undefined;
    if ((await ask.secret({ message: 'Secret again' })) === first) return first;
    say(attempt < SECRET_ATTEMPTS ? 'the two entries differ; type the secret again' : 'the two entries differ');
  }
  throw new UsageError(`secret: the two entries differed ${SECRET_ATTEMPTS} times; no hook was created`);
}

/** The field's rules (the spec's, then the provider's length limit), as a prompt shows them. */
export function rule(field: 'url' | 'name' | 'description' | 'secret', value: string, capabilities: Capabilities): string | true {
  try {
    validateSpec({ url: 'https://placeholder.invalid', [field]: field === 'secret' ? new Secret(value) : value });
  } catch (error) {
    return (error as Error).message;
  }
  const max = capabilities.limits[field];
  if (max !== undefined && value.length > max) return `must be at most ${max} characters`;
  if (field === 'secret' && MASKED_VALUE.test(value)) return 'a value made only of asterisks is a mask, not a secret';
  return true;
}

const capitalized = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
