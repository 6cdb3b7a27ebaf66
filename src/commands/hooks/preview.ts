import type { RequestPreview } from '../../hooks/fields.js';
import type { RunContext } from '../../runtime/context.js';

/** --dry-run: the exact requests (masked), to stdout; nothing is sent. */
export async function printPreviews(ctx: RunContext, previews: RequestPreview[], sentNote = 'dry run: nothing was sent'): Promise<void> {
  const format = await ctx.outputFormat();
  if (format !== 'table') {
    const { printData } = await import('../../output/render.js');
    return printData(ctx.io, format, previews);
  }
  const blocks = previews.map((p) => {
    const lines = [`${p.method} ${p.url}`, ...Object.entries(p.headers).map(([k, v]) => `${k}: ${v}`)];
    if (p.body !== undefined) lines.push('', JSON.stringify(p.body, null, 2));
    return lines.join('\n');
  });
  ctx.io.out(blocks.join('\n\n'));
  ctx.io.err(ctx.io.color.dim(sentNote));
}
