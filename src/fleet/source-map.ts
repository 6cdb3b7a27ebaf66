import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';

/** Where a value sits in a hooks file. Line and column are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** A parsed YAML or JSON text that can say where any value in it came from. */
export interface SourceDocument {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export type PathKey = string | number;

/** One problem in a file, printed as `file:line:column: path: message`. */
export interface SourceProblem {
  location: SourceLocation;
  path: string;
  message: string;
}

/** Aliases beyond this many are refused (a "billion laughs" file would expand without bound). */
const MAX_ALIASES = 100;

/**
 * Parses YAML or JSON (JSON is YAML 1.2 flow syntax, so one parser gives both the same error
 * positions). Syntax errors and duplicate keys come back as problems, not exceptions.
 */
export function parseSource(file: string, text: string): { source: SourceDocument; data: unknown; problems: SourceProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const source: SourceDocument = { file, doc, lineCounter };
  const problems = doc.errors.map((error) => ({
    location: locationOf(source, error.pos[0]),
    path: '(syntax)',
    // The parser's own message, first line only: later lines quote the file, which may hold a secret.
    message: (error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, ''),
  }));
  if (problems.length > 0) return { source, data: undefined, problems };
  try {
    return { source, data: doc.toJS({ maxAliasCount: MAX_ALIASES }), problems };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? 'cannot be read') : 'cannot be read';
    return { source, data: undefined, problems: [{ location: locationOf(source, 0), path: '(root)', message }] };
  }
}

export function locationOf(source: SourceDocument, offset: number): SourceLocation {
  const { line, col } = source.lineCounter.linePos(offset);
  return { file: source.file, line, column: col };
}

/**
 * The location of the node at `path`, or of the deepest node on the way there when the value is
 * missing (a required key points at the object that lacks it). With `key`, the location of that
 * key inside the map at `path` (for unknown keys).
 */
export function locate(source: SourceDocument, path: readonly PathKey[], key?: string): SourceLocation {
  let node: unknown = source.doc.contents;
  let found: Node | undefined = isNode(node) ? node : undefined;
  const steps: PathKey[] = key === undefined ? [...path] : [...path, key];
  for (const [index, step] of steps.entries()) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(step));
      // For the last step of an unknown-key lookup, point at the key itself.
      next = key !== undefined && index === steps.length - 1 ? pair?.key : pair?.value;
    } else if (isSeq(node) && typeof step === 'number') {
      next = node.items[step];
    }
    if (!isNode(next)) break;
    node = next;
    found = next;
  }
  return locationOf(source, found?.range?.[0] ?? 0);
}

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && 'range' in value;
}

/** `hooks[2].targets[0]` style path for messages. */
export function formatPath(path: readonly PathKey[]): string {
  let text = '';
  for (const step of path) text += typeof step === 'number' ? `[${step}]` : text === '' ? String(step) : `.${String(step)}`;
  return text === '' ? '(root)' : text;
}

export function formatProblem(problem: SourceProblem): string {
  const { file, line, column } = problem.location;
  return `${file}:${line}:${column}: ${problem.path}: ${problem.message}`;
}
