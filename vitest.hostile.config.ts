import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// The hostile provider matrix (every provider-reading command × every hostile emulator mode × every
// provider). Kept out of `npm test` until every cell passes: `npm run test:hostile` prints the cells
// that still fail.
export default mergeConfig(base, defineConfig({ test: { include: ['test/e2e/hostile-provider/*.suite.ts'] } }));
