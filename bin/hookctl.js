#!/usr/bin/env node
// Entry point: wires the real process into main() and sets the exit code. Nothing else lives here.
import module, { createRequire } from 'node:module';

const argv = process.argv.slice(2);
// `--version` is what scripts call most to probe a tool: answer it without loading the CLI.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${createRequire(import.meta.url)('../package.json').version}\n`);
} else {
  // Node 22+ caches compiled code between runs (about 10% faster start); Node 20 has no such API.
  module.enableCompileCache?.();
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort(new Error('interrupted')));
  const [{ main }, { createProcessDeps }] = await Promise.all([import('../dist/cli/main.js'), import('../dist/cli/deps.js')]);
  process.exitCode = await main(argv, createProcessDeps(controller.signal));
}
