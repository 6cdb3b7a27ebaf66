import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// The hostile provider matrix (every provider-reading command × every hostile emulator mode × every
// provider), alone: mergeConfig concatenates arrays, so `include` is set again after the merge
// (otherwise this config would run the whole unit and e2e suite too).
const config = mergeConfig(base, defineConfig({ test: {} }));
config.test = { ...config.test, include: ['test/e2e/hostile-provider/*.suite.ts'] };
export default config;
