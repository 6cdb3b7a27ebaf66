/**
 * Runs several AuthSteps as one, in order. Order matters: Codeup v3 adds the AccessToken query
 * parameter first and then signs, so the ACS3 signature covers the final query.
 */
import type { AuthStep } from '../types.js';

export function composeAuth(...steps: AuthStep[]): AuthStep {
  const composed: AuthStep = {
    name: steps.map((step) => step.name).join('+'),
    async authorize(request) {
      for (const step of steps) await step.authorize(request);
    },
    preview(request) {
      for (const step of steps) step.preview(request);
    },
    secrets: () => steps.flatMap((step) => step.secrets()),
  };
  const renewable = steps.filter((step) => step.renew !== undefined);
  // Only offer renew when some part can renew: a client reads its absence as "never retry".
  if (renewable.length === 0) return composed;
  return {
    ...composed,
    async renew() {
      let renewed = false;
      // Ask every step (not just the first that succeeds) so all caches are fresh for the retry.
      for (const step of renewable) renewed = (await step.renew?.()) === true || renewed;
      return renewed;
    },
  };
}
