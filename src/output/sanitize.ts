/**
 * The one sanitizer for terminal output. Text from providers, users and config files may carry
 * characters a terminal acts on (escape sequences, carriage returns, bells), C1 controls (U+0080–
 * U+009F, some terminals treat U+009B as an escape) and bidirectional overrides (U+202A–U+202E,
 * U+2066–U+2069), which reorder what is shown ("Trojan Source"). None of them is ever written raw:
 * each becomes a visible `\uXXXX` escape. io.out/io.err apply this to every byte they write; the
 * formats keep themselves valid around it (render.ts, table.ts).
 */

/**
 * What is escaped: C0 except tab and newline (which the formats themselves use, and which they
 * escape or fold inside values), DEL, C1, and the bidi embedding/override/isolate controls.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_TEST = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * The SGR sequences hookctl's own colours use (bold, dim, red, green, yellow, cyan and their resets).
 * Only these survive, and only when colour is on: nothing that moves the cursor, sets a title,
 * clears the screen, hides or blinks text.
 */
const OWN_SGR = /\u001b\[(?:0|1|2|22|31|32|33|36|39|90)m/g;
const SENTINEL = '\uffff';

/** `\u202e` for U+202E: the spelling JSON, YAML (double-quoted) and JavaScript all read back. */
export function escapeChar(char: string): string {
  return `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
}

/** Every unsafe character as a visible escape; tab and newline are kept. */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

export function hasUnsafe(text: string): boolean {
  return UNSAFE_TEST.test(text);
}

/**
 * What io.out/io.err write. With colour on, hookctl's own SGR codes pass; everything else unsafe
 * (including an ESC a provider sent) is escaped.
 */
export function sanitizeOutput(text: string, options: { keepColor: boolean }): string {
  if (!options.keepColor || !text.includes('\u001b')) return escapeUnsafe(text);
  // Own codes are set aside behind a sentinel (itself escaped if it comes in), the rest escaped.
  const codes: string[] = [];
  const marked = text.replaceAll(SENTINEL, escapeChar(SENTINEL)).replace(OWN_SGR, (code) => {
    codes.push(code);
    return SENTINEL;
  });
  let i = 0;
  return escapeUnsafe(marked).replace(/\uffff/g, () => codes[i++] ?? '');
}

/**
 * One line: line breaks and tabs (a table's separator) become one space. Used for table cells and
 * for every message that must stay one line (errors, notes, debug lines).
 */
export function oneLine(text: string): string {
  return text.replace(/[\t\r\n\u2028\u2029]+/g, ' ');
}

/** Several lines (--debug details, stack traces): CRLF and CR normalized, tabs made spaces. */
export function lines(text: string): string {
  return text.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(/\t/g, '  ');
}
