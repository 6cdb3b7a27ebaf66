import type { Trie } from './aho-trie.js';
import { MAX_TOKEN, tokensAt } from './spelling-tokens.js';

/** Thrown when the walk would cost more than its budget; the message names no value and no text. */
export class MatchBudgetExceeded extends Error {
  constructor() {
    super('secret matching exceeded its work budget');
    this.name = 'MatchBudgetExceeded';
  }
}

/**
 * One walk through the token graph: an automaton node and where each character of the node's
 * prefix starts in the text. That history is arr[head..len) followed by extra. Arrays are only
 * appended to, never changed, so a thread that forks shares its parent's array and copies only
 * if it survives deep (most forks die at the next character).
 */
interface Thread {
  node: number;
  arr: number[];
  head: number;
  len: number;
  extra: number[];
}

interface Cost {
  steps: number;
}

const depthOf = (t: Thread): number => t.len - t.head + t.extra.length;

/** Where the history's k-th character starts. */
const startAt = (t: Thread, k: number): number => (k < t.len - t.head ? (t.arr[t.head + k] as number) : (t.extra[k - (t.len - t.head)] as number));

const rootThread = (): Thread => ({ node: 0, arr: [], head: 0, len: 0, extra: [] });

/** Threads live at most one token ahead of the position being read. */
const RING = MAX_TOKEN + 4;

/** The threads by position (modulo RING), then by node: reusable from one walk to the next. */
export type Ring = Map<number, Thread>[];

export const newRing = (): Ring => Array.from({ length: RING }, () => new Map<number, Thread>());

/**
 * The spans `[start, end)` (flat pairs, merged where they overlap) where a value of the trie is
 * spelled in text. Throws MatchBudgetExceeded past `budget` steps.
 */
export function walk(trie: Trie, text: string, budget: number, ring: Ring = newRing()): number[] {
  const spans: number[] = [];
  if (trie.values === 0 || text.length === 0) return spans;
  for (const slot of ring) slot.clear();
  const cost: Cost = { steps: 0 };
  const labels: number[] = [];
  const lengths: number[] = [];
  let live = 0;
  for (let i = 0; i <= text.length; ) {
    const here = ring[i % RING] as Map<number, Thread>;
    // Every other thread here already tries a match from i.
    if (here.size > 1 && here.delete(0)) live--;
    for (const thread of here.values()) report(trie, thread, i, spans);
    if (i === text.length) break;
    if (here.size === 0) {
      here.set(0, rootThread());
      live++;
    }
    if (live === 1) {
      // One thread and nothing ahead: plain characters need no token graph.
      const thread = here.values().next().value as Thread;
      const next = plainRun(trie, thread, text, i, spans, cost);
      if (next > i) {
        here.clear();
        (ring[next % RING] as Map<number, Thread>).set(thread.node, thread);
        i = next;
        continue;
      }
    }
    const edges = tokensAt(text, i, labels, lengths);
    for (const thread of here.values()) {
      cost.steps += edges;
      const nodes: number[] = [];
      let owner = 0;
      for (let e = 0; e < edges; e++) {
        nodes.push(trie.step(thread.node, labels[e] as number, cost));
        // On a tie the escape (a later edge) keeps the history: a literal `\` or `%` rarely stays a match for long.
        if ((trie.depth[nodes[e] as number] as number) >= (trie.depth[nodes[owner] as number] as number)) owner = e;
      }
      for (let e = 0; e < edges; e++) {
        if (e !== owner)
          live += arrive(ring, i + (lengths[e] as number), forked(thread, trie.depth[nodes[e] as number] as number, nodes[e] as number, i), cost);
      }
      extend(thread, trie.depth[nodes[owner] as number] as number, i, cost);
      thread.node = nodes[owner] as number;
      live += arrive(ring, i + (lengths[owner] as number), thread, cost);
    }
    live -= here.size;
    here.clear();
    if (cost.steps > budget) throw new MatchBudgetExceeded();
    i++;
    // Inside a surrogate pair no token starts.
    while (i < text.length && (ring[i % RING] as Map<number, Thread>).size === 0 && isLowSurrogate(text.charCodeAt(i))) i++;
  }
  return spans;
}

const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

function report(trie: Trie, thread: Thread, end: number, spans: number[]): void {
  const found = trie.out[thread.node] as number;
  if (found > 0) addSpan(spans, startAt(thread, depthOf(thread) - found), end);
}

/**
 * Walks one thread over characters that spell only themselves (no `\`, `%`, `+`): plain
 * Aho–Corasick. Returns the position of the first character it did not take.
 */
function plainRun(trie: Trie, thread: Thread, text: string, from: number, spans: number[], cost: Cost): number {
  let i = from;
  while (i < text.length) {
    const unit = text.charCodeAt(i);
    if (unit === 0x5c || unit === 0x25 || unit === 0x2b) break;
    const code = unit >= 0xd800 && unit <= 0xdbff ? (text.codePointAt(i) as number) : unit;
    const next = trie.step(thread.node, code, cost);
    extend(thread, trie.depth[next] as number, i, cost);
    thread.node = next;
    i += code > 0xffff ? 2 : 1;
    report(trie, thread, i, spans);
  }
  cost.steps += i - from;
  return i;
}

/** The thread's history for a node of depth `depth` reached by a token starting at i: kept in place. */
function extend(t: Thread, depth: number, i: number, cost: Cost): void {
  if (depth === 0) {
    if (depthOf(t) > 0) Object.assign(t, rootThread(), { node: t.node });
    return;
  }
  const drop = depthOf(t) + 1 - depth;
  if (t.arr.length !== t.len) {
    // Another thread appended to the shared array: this one takes its own copy of what it keeps.
    const kept: number[] = [];
    for (let k = drop; k < depthOf(t); k++) kept.push(startAt(t, k));
    cost.steps += kept.length;
    Object.assign(t, { arr: kept, head: 0, len: kept.length, extra: [] });
  } else {
    for (const start of t.extra) t.arr.push(start);
    t.len = t.arr.length;
    t.extra = [];
    t.head += drop;
  }
  t.arr.push(i);
  t.len++;
  if (t.head > 64 && t.head * 2 > t.len) {
    t.arr = t.arr.slice(t.head, t.len);
    t.len -= t.head;
    t.head = 0;
  }
}

/** A second walk from the same thread: shares the history, with at most two characters of its own. */
function forked(t: Thread, depth: number, node: number, i: number): Thread {
  if (depth === 0) return { ...rootThread(), node };
  const drop = depthOf(t) + 1 - depth;
  const inArr = t.len - t.head;
  const head = t.head + Math.min(drop, inArr);
  const extra = [...t.extra.slice(Math.max(0, drop - inArr)), i];
  return { node, arr: t.arr, head, len: t.len, extra };
}

/**
 * Two walks that reach the same node at the same position spell the same prefix from there on;
 * one stays, with the earlier start of each character, so a match covers both spellings.
 */
function arrive(ring: Map<number, Thread>[], at: number, thread: Thread, cost: Cost): number {
  const slot = ring[at % RING] as Map<number, Thread>;
  const other = slot.get(thread.node);
  if (other === undefined) {
    slot.set(thread.node, thread);
    return 1;
  }
  const depth = depthOf(other);
  const merged: number[] = [];
  for (let k = 0; k < depth; k++) merged.push(Math.min(startAt(other, k), startAt(thread, k)));
  cost.steps += depth;
  Object.assign(other, { arr: merged, head: 0, len: depth, extra: [] });
  return 0;
}

/** Appends `[start, end)`; ends arrive in order, so a span merges with those it overlaps at the top. */
function addSpan(spans: number[], start: number, end: number): void {
  let from = start;
  while (spans.length > 0 && (spans[spans.length - 1] as number) > from) {
    from = Math.min(from, spans[spans.length - 2] as number);
    spans.length -= 2;
  }
  spans.push(from, end);
}
