/**
 * The README's first two commands are the ones CI runs on a clean clone (.ci/run): the README test
 * cannot run them itself (`npm test` would run it again), so this keeps the two texts equal.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const ciRun = readFileSync(join(ROOT, '.ci/run'), 'utf8');

describe('the two commands', () => {
  const block = /^\*\*Two commands, in a clone\*\*[\s\S]*?```text\n([\s\S]*?)```/m.exec(readme);
  const commands = (block?.[1] ?? '').split('\n').filter((line) => line.trim() !== '');

  it('the README opens with exactly two commands', () => {
    expect(block, 'README.md has no "Two commands, in a clone" block').not.toBeNull();
    expect(commands).toHaveLength(2);
    expect(readme.indexOf('```')).toBe(block?.index === undefined ? -1 : readme.indexOf('```', block.index));
  });

  it('.ci/run runs each of them as a line of its own', () => {
    const lines = ciRun.split('\n').map((line) => line.trim());
    for (const command of commands) expect(lines, `.ci/run does not run: ${command}`).toContain(command);
  });

  it('.ci/run runs the Node 24 e2e suite and the hostile matrix before npm test, each failure failing the run, npm test last', () => {
    expect(readme).toMatch(/npm run test:hostile[^\n]*\n(?:[^\n]*#[^\n]*\n)*?[^\n]*\.ci\/run runs it before npm test/);
    const lines = ciRun.split('\n').map((line) => line.trim());
    const last = lines.lastIndexOf('npm test');
    expect(last, '.ci/run does not run npm test').toBeGreaterThan(-1);
    for (const [script, variable] of [
      ['test:node24', 'node24'],
      ['test:hostile', 'hostile'],
    ] as const) {
      const run = lines.indexOf(`npm run ${script} || ${variable}=$?`);
      expect(run, `.ci/run does not run npm run ${script} with its exit kept`).toBeGreaterThan(-1);
      expect(run, `.ci/run runs ${script} after npm test`).toBeLessThan(last);
      expect(lines.slice(last), `.ci/run does not fail when ${script} failed`).toContain(`exit "$${variable}"`);
    }
  });
});
