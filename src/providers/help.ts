/**
 * The provider-dependent lines of `hookctl --help`, from the catalog (the providers' names and `help`
 * examples), so the help names every provider in the registry and no other.
 */
import { PROVIDER_CATALOG as PROVIDERS } from './catalog.js';

/** "a, b and c". */
export function listOf(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export interface ProviderHelp {
  /** The program's one-line description. */
  description: string;
  /** `hooks create` examples, one per provider that has one. */
  create: string[];
  /** `export` examples (a pattern), one per provider that has one. */
  export: string[];
}

export function providerHelp(): ProviderHelp {
  return {
    description: `Manage repository webhooks on ${listOf(PROVIDERS.map((p) => p.name))} from one spec`,
    create: PROVIDERS.flatMap((p) => (p.help?.create ? [p.help.create] : [])),
    export: PROVIDERS.flatMap((p) => (p.help?.export ? [p.help.export] : [])),
  };
}
