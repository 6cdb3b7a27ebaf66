import { UsageError } from '../../errors.js';
import type { Hook, HookSpec } from '../../model/hook.js';
import { Secret } from '../../model/secret.js';
import type { RunContext } from '../../runtime/context.js';
import type { Prompter } from '../../runtime/deps.js';
import type { Capabilities } from '../../runtime/providers.js';
import { askEvents, askSecret, rule } from './create-input.js';

/** `hooks update` with no change named and nothing to ask with. */
export function nothingToChange(): UsageError {
  return new UsageError('update: nothing to change', {
    hint: 'pass at least one of --url, --events, --name, --description, --secret-env, --no-secret, --branch-filter, --clear-branch-filter, --note-filter, --clear-note-filters, --ssl-verify, --no-ssl-verify (or run on a terminal to be asked)',
  });
}

/**
 * On a terminal, an update that names no change offers the hook's current values to edit: URL,
 * events, name and description where the provider takes them, and a new secret (hidden, twice;
 * empty keeps the current one). Returns only what was changed.
 */
export async function askChanges(
  ask: Prompter,
  hook: Hook,
  provider: { label: string; capabilities: Capabilities },
  ctx: RunContext,
): Promise<Partial<HookSpec>> {
  const { capabilities, label } = provider;
  const patch: Partial<HookSpec> = {};
  const url = (await ask.text({ message: 'Delivery URL', default: hook.url, validate: (v) => rule('url', v.trim(), capabilities) })).trim();
  if (url !== hook.url) {
    ctx.redactor.addUrlCredentials(url);
    patch.url = url;
  }
  if (capabilities.fields.events !== 'unsupported') {
    const events = await askEvents(ask, capabilities, label, hook.events);
    if (events.join(',') !== hook.events.join(',')) patch.events = events;
  }
  for (const field of ['name', 'description'] as const) {
    if (capabilities.fields[field] === 'unsupported') continue;
    const current = hook[field];
    const required = capabilities.fields[field] === 'required';
    const answer = await ask.text({
      message: `${field === 'name' ? 'Name' : 'Description'}${required ? ` (required by ${label})` : ''}`,
      default: current,
      validate: (v) => (v === '' && !required ? true : rule(field, v, capabilities)),
    });
    if (answer !== (current ?? '') && answer !== '') patch[field] = answer;
  }
  if (capabilities.fields.secret !== 'unsupported') {
    const secret = await askSecret(ask, capabilities, label, (line) => ctx.io.err(line), 'the current one');
    if (secret !== undefined) {
      ctx.redactor.add(secret);
      patch.secret = new Secret(secret);
    }
  }
  return patch;
}
