import { UsageError } from '../errors.js';

/**
 * `--jq EXPR`, run by jq-wasm: jq 1.7.1 itself compiled to WebAssembly, the wasm inlined in its
 * JavaScript, so the bundle carries it and nothing is fetched at run time. It sees only the JSON it
 * is given: its `$ENV` is the WebAssembly runtime's own, not the process environment.
 * Strings print raw, as gh's --jq prints them (jq -r).
 */
export async function runJq(json: string, expression: string): Promise<string> {
  const jq = await import('jq-wasm');
  try {
    return await jq.raw(json, expression, ['-r']);
  } catch (error) {
    throw new UsageError(`--jq: ${jqMessage(error)}`);
  }
}

/**
 * Compiles the expression once against `null` before the command runs, so a typo is exit 2 before
 * anything is sent. Only a compile error counts here: a run-time error on `null` (`.[]`) says
 * nothing about the real output.
 */
export async function checkJq(expression: string): Promise<void> {
  const jq = await import('jq-wasm');
  try {
    await jq.raw('null', expression, ['-r']);
  } catch (error) {
    if (/compile error/.test(String((error as Error).message))) throw new UsageError(`--jq: ${jqMessage(error)}`);
  }
}

/** jq's first line, without its `jq: error:` prefix. */
function jqMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const first = text.split('\n').find((line) => line.trim() !== '') ?? text;
  return first
    .replace(/^jq: error(?: \(at [^)]*\))?: /, '')
    .trim()
    .replace(/:$/, '');
}
