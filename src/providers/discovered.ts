import { ProviderError, UsageError } from '../errors.js';
import { parseTargetWith, type Target, type TargetGrammar } from '../model/target.js';

/**
 * A target made of ids a provider listed is checked like one the user typed: written out and read
 * back with the provider's own grammar, it must give the same target. So a listed id of `..`,
 * `%2e`, `1/../2`, `repo/5` or one with control characters never becomes a request path (no request
 * is sent to it) and stops the discovery with a provider error that names it.
 */
export function discovered<T extends Target>(grammar: TargetGrammar<T>, target: T, label: string): T {
  const text = `${grammar.provider}:${grammar.format(target)}`;
  let why = `${JSON.stringify(text)} reads back as another target`;
  try {
    const parsed = parseTargetWith(text, [grammar as unknown as TargetGrammar]);
    const keys = new Set([...Object.keys(parsed), ...Object.keys(target)]);
    if ([...keys].every((key) => parsed[key] === target[key])) return target;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    why = error.message;
  }
  throw new ProviderError(
    { provider: label, status: 200 },
    {
      message: `${label} listed a target hookctl refuses as it would a typed one: ${why}; discovery stopped`,
      hint: 'nothing was sent to it; check --endpoint and any proxy in front of it',
    },
  );
}
