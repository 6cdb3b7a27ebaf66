import { Trie } from './aho-trie.js';
import { newRing, walk } from './spelling-walk.js';

export { MatchBudgetExceeded } from './spelling-walk.js';

/**
 * Finds registered values in text in every spelling they come back in, in one left-to-right pass:
 * as is; percent-encoded (one UTF-8 character per `%XX` run, hex in either case, `+` for a space);
 * JSON-escaped (`\"`, `\\`, `\/`, `\b\f\n\r\t`, `\uXXXX` in either case, surrogate pairs as two).
 * Spellings may be mixed character by character.
 *
 * How: the text is read as a graph of tokens (at each position: the literal character, and where
 * `\`, `%` or `+` stands, the character an escape decodes to). An Aho–Corasick automaton over the
 * values' characters walks that graph; where tokenizations diverge (a `%` that is a literal `%` or
 * the start of `%2F`) it keeps one thread per automaton node, with the text position of each
 * character of the node's prefix so a match knows where it starts. Plain text takes one thread and
 * one automaton step per character, whatever the number or length of values. No RegExp is built
 * from values: a pattern over thousands of long values is too big to compile.
 */
export class SpellingMatcher {
  readonly #trie = new Trie();
  /** Allocated once: redaction runs on every string printed, most of them short. */
  readonly #ring = newRing();
  #linked = true;

  /** Registers a value (matched by code point, case-sensitively). Cheap: the links are rebuilt once, at the next match. */
  add(value: string): void {
    this.#trie.insert(value);
    this.#linked = false;
  }

  /**
   * The spans `[start, end)` (flat pairs, in order) where a registered value is spelled; spans
   * that overlap are merged, so a value that contains or overlaps another is covered whole.
   * Throws MatchBudgetExceeded when a hostile mix of text and values would make the walk cost
   * more than `budgetPerChar` steps per character: the caller must then print none of the text.
   */
  spans(text: string, budgetPerChar = 64): number[] {
    if (!this.#linked) {
      this.#trie.link();
      this.#linked = true;
    }
    return walk(this.#trie, text, budgetPerChar * text.length + MIN_BUDGET, this.#ring);
  }
}

/** Enough for any short text against a long value with many escapes in it. */
const MIN_BUDGET = 1 << 22;
