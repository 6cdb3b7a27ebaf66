/** Memo keys: node × KEY + code point (exact in a double up to ~8e9 nodes). */
const KEY = 0x110000;

/** The automaton: a trie over code points with failure links and, per node, the longest value that ends there. */
export class Trie {
  readonly depth: number[] = [0];
  readonly fail: number[] = [0];
  /** Length (in characters) of the longest registered value that is a suffix of the node's prefix; 0 for none. */
  readonly out: number[] = [0];
  readonly #terminal: boolean[] = [false];
  readonly #label: number[] = [0];
  readonly #firstChild: number[] = [-1];
  readonly #sibling: number[] = [-1];
  /** Children by code point, only for nodes with more than one (most nodes of long values have one). */
  readonly #kids: (Map<number, number> | undefined)[] = [undefined];
  /** The root's children for the BMP, by code unit: the lookup made at almost every character of plain text. */
  readonly #root = new Int32Array(0x10000).fill(-1);
  /** Transitions that needed the failure chain, remembered so a long periodic value costs each one once. */
  #memo = new Map<number, number>();
  values = 0;

  insert(value: string): void {
    let node = 0;
    // By index, not `for…of`: no string per character (registration is the cost of a run with thousands of secrets).
    for (let i = 0; i < value.length; i += 1) {
      const code = value.codePointAt(i) as number;
      if (code > 0xffff) i += 1;
      let child = this.#child(node, code);
      if (child < 0) child = this.#addChild(node, code);
      node = child;
    }
    if (!this.#terminal[node]) this.values++;
    this.#terminal[node] = true;
  }

  #child(node: number, code: number): number {
    if (node === 0 && code < 0x10000) return this.#root[code] as number;
    const kids = this.#kids[node];
    if (kids !== undefined) return kids.get(code) ?? -1;
    const only = this.#firstChild[node] as number;
    return only >= 0 && this.#label[only] === code ? only : -1;
  }

  #addChild(node: number, code: number): number {
    const child = this.depth.length;
    this.depth.push((this.depth[node] as number) + 1);
    this.fail.push(0);
    this.out.push(0);
    this.#terminal.push(false);
    this.#label.push(code);
    this.#firstChild.push(-1);
    this.#kids.push(undefined);
    const first = this.#firstChild[node] as number;
    this.#sibling.push(first);
    this.#firstChild[node] = child;
    if (node === 0 && code < 0x10000) this.#root[code] = child;
    else if (first >= 0) {
      let kids = this.#kids[node];
      if (kids === undefined) {
        kids = new Map();
        for (let c = first; c !== -1; c = this.#sibling[c] as number) kids.set(this.#label[c] as number, c);
        this.#kids[node] = kids;
      }
      kids.set(code, child);
    }
    return child;
  }

  /** (Re)computes failure links and outputs breadth-first: linear in the total length of the values. */
  link(): void {
    this.#memo = new Map();
    const queue: number[] = [];
    for (let c = this.#firstChild[0] as number; c !== -1; c = this.#sibling[c] as number) {
      this.fail[c] = 0;
      queue.push(c);
    }
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head] as number;
      this.out[node] = this.#terminal[node] ? (this.depth[node] as number) : (this.out[this.fail[node] as number] as number);
      for (let c = this.#firstChild[node] as number; c !== -1; c = this.#sibling[c] as number) {
        const code = this.#label[c] as number;
        let f = this.fail[node] as number;
        let target = this.#child(f, code);
        while (target < 0 && f !== 0) {
          f = this.fail[f] as number;
          target = this.#child(f, code);
        }
        this.fail[c] = target >= 0 && target !== c ? target : 0;
        queue.push(c);
      }
    }
  }

  /** The node reached from `node` on `code`, following failure links; counts its steps in `cost`. */
  step(node: number, code: number, cost: { steps: number }): number {
    const direct = this.#child(node, code);
    if (direct >= 0 || node === 0) return direct >= 0 ? direct : 0;
    const memo = this.#memo.get(node * KEY + code);
    if (memo !== undefined) return memo;
    const chain: number[] = [];
    let at = node;
    let target = -1;
    while (target < 0) {
      chain.push(at);
      if (at === 0) break;
      at = this.fail[at] as number;
      const known = at === 0 ? undefined : this.#memo.get(at * KEY + code);
      target = known ?? this.#child(at, code);
    }
    const result = target >= 0 ? target : 0;
    cost.steps += chain.length;
    // Remembered only where the chain was long: plain text would otherwise fill the memo.
    if (chain.length > 2) for (const n of chain) this.#memo.set(n * KEY + code, result);
    return result;
  }
}
