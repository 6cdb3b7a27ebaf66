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
  // Ctrl-C (SIGINT) and SIGTERM abort the run: no new work starts, requests in flight are dropped,
  // and main() ends with one line and exit 130 or 143. Only the first signal is caught: a second
  // one ends the process at once, the default way.
  const controller = new AbortController();
  const onSignal = (signal) => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    const reason = new Error(signal === 'SIGTERM' ? 'terminated' : 'interrupted');
    reason.name = 'AbortError';
    controller.abort(Object.assign(reason, { signal }));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const [{ main }, { createProcessDeps }] = await Promise.all([import('../dist/bundle/cli.js'), import('../dist/bundle/deps.js')]);
  const code = await main(argv, createProcessDeps(controller.signal));
  // Interrupted: everything was reported; do not wait for idle sockets of the abandoned work.
  if (controller.signal.aborted) process.exit(code);
  process.exitCode = code;
}
