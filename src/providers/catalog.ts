/**
 * The providers as help, target parsing and delivery checks see them: each folder's about.ts,
 * cheap to import (no settings, no schemas, no adapter), so `--help` and the flag tables need no
 * registry. The registry (registry.ts) lists the full definitions, which spread these; a unit test
 * checks that both lists name the same providers in the same order.
 */
import {
  formatTargetWith,
  isPatternWith,
  type ParsedPattern,
  type ProviderId,
  parsePatternWith,
  parseTargetWith,
  patternFormsOf,
  type Target,
  type TargetGrammar,
} from '../model/target.js';
import { codeartsAbout } from './codearts/about.js';
import { codeupAbout } from './codeup/about.js';
import { servicestageAbout } from './servicestage/about.js';
import type { ProviderAbout } from './types.js';

export const PROVIDER_CATALOG: readonly ProviderAbout[] = [codeupAbout, codeartsAbout, servicestageAbout];

export const PROVIDER_IDS: readonly string[] = PROVIDER_CATALOG.map((p) => p.id);

const GRAMMARS: readonly TargetGrammar[] = PROVIDER_CATALOG.map((p) => p.target);

/** Each provider's target form, e.g. `codearts:<groupId>`, for usage errors and hints. */
export const TARGET_FORMS: Readonly<Record<string, string>> = Object.fromEntries(PROVIDER_CATALOG.map((p) => [p.id, p.target.form]));

export function isProviderId(value: string): boolean {
  return PROVIDER_IDS.includes(value);
}

/** A target string → Target, with the grammar its prefix names (a usage error shows the expected form). */
export function parseTarget(input: string): Target {
  return parseTargetWith(input, GRAMMARS);
}

/** Whether a target argument is written as a pattern (`codeup:<org>/*`, …) rather than one target. */
export function isPattern(input: string): boolean {
  return isPatternWith(input, GRAMMARS);
}

/** A pattern → its provider and text (for Provider.expand); a malformed one is a usage error listing the forms. */
export function parsePattern(input: string): ParsedPattern {
  return parsePatternWith(input, GRAMMARS);
}

/** Every provider's pattern forms with what each expands to, one line each (help, errors). */
export const PATTERN_FORMS: readonly string[] = patternFormsOf(GRAMMARS);

export function formatTarget(target: Target): string {
  return formatTargetWith(target, GRAMMARS);
}

/** The providers whose definitions declare a choice of delivery format, with their styles (`hooks test --style`). */
export const DELIVERY_STYLES: readonly { id: ProviderId; name: string; styles: readonly string[] }[] = PROVIDER_CATALOG.flatMap((p) => {
  const formats = p.delivery?.formats ?? [];
  return formats.length > 1 ? [{ id: p.id, name: p.name, styles: formats.map((f) => f.style) }] : [];
});

/** The providers whose hooks pick their token header (`listen --token-header`), with the choices. */
export const DELIVERY_TOKEN_TYPES: readonly { id: ProviderId; name: string; tokenTypes: readonly string[] }[] = PROVIDER_CATALOG.flatMap((p) =>
  (p.delivery?.formats ?? []).flatMap((f) => (f.style === 'gitlab' && f.tokenTypes ? [{ id: p.id, name: p.name, tokenTypes: f.tokenTypes.value }] : [])),
);
