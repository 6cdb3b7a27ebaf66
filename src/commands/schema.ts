import { ExitCode } from '../errors.js';
import type { RunContext } from '../runtime/context.js';

export const flags = {} as const;

export function parse(): Record<string, never> {
  return {};
}

/** Prints the JSON Schema of the hooks file (for editors' YAML/JSON language servers). */
export async function run(_options: Record<string, never>, ctx: RunContext): Promise<number> {
  const { hooksFileJsonSchema } = await import('../fleet/hooks-file.js');
  ctx.io.out(JSON.stringify(hooksFileJsonSchema(), null, 2));
  return ExitCode.ok;
}
