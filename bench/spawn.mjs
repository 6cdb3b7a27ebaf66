// What every bench script does to run one command: spawn it (async, so an emulator serving from the
// bench's own process keeps its event loop) with a clean environment, and time it to the close.
import { spawn } from 'node:child_process';

/**
 * Runs `command args` in `home` (also its HOME), with only PATH, NO_COLOR and `env`. Resolves the
 * wall time in ms and the stderr; rejects, naming `label` and quoting stderr, on a non-zero exit.
 */
export function runTimed(command, args, { home, env = {}, label = args.join(' ') }) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, {
      cwd: home,
      env: { PATH: process.env.PATH, HOME: home, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) reject(new Error(`${label.slice(0, 80)} exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ ms, stderr });
    });
  });
}
