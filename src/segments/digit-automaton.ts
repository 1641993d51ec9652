/**
 * Compiles the small regular-expression dialect used by libphonenumber's metadata into a deterministic
 * automaton over the digits 0-9, so the numbering plan can be asked "which digits may come next?" at
 * every position. That lets the index derive every allocated segment (and the partly allocated ones)
 * by walking the automaton, instead of testing hundreds of thousands of numbers against the pattern.
 *
 * Supported: digits, `\d`, `[...]` classes with ranges, `(...)` and `(?:...)` groups, `|`, and the
 * quantifiers `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`. Anything else is rejected loudly, so a metadata
 * update that uses a new construct fails at start-up rather than compiling into a wrong automaton.
 */

type Node =
  | { kind: 'digits'; set: number } // bit mask of allowed digits
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; node: Node; min: number; max: number }; // max = Infinity for open

const ALL_DIGITS = 0b11_1111_1111;

class PatternParser {
  private pos = 0;
  constructor(private readonly source: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.pos !== this.source.length) this.fail('unexpected character');
    return node;
  }

  private fail(reason: string): never {
    throw new Error(`Unsupported numbering-plan pattern (${reason}) at ${this.pos}: ${this.source}`);
  }

  private peek(): string | undefined {
    return this.source[this.pos];
  }

  private alternation(): Node {
    const options: Node[] = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      items.push(this.quantified(this.atom()));
    }
    return { kind: 'seq', items };
  }

  private atom(): Node {
    const c = this.source[this.pos++];
    if (c === undefined) this.fail('unexpected end');
    if (c >= '0' && c <= '9') return { kind: 'digits', set: 1 << Number(c) };
    if (c === '\\') {
      if (this.source[this.pos++] !== 'd') this.fail('unknown escape');
      return { kind: 'digits', set: ALL_DIGITS };
    }
    if (c === '[') return this.charClass();
    if (c === '(') {
      if (this.source.startsWith('?:', this.pos)) this.pos += 2;
      const inner = this.alternation();
      if (this.source[this.pos++] !== ')') this.fail('unclosed group');
      return inner;
    }
    return this.fail(`unexpected '${c}'`);
  }

  private charClass(): Node {
    if (this.peek() === '^') this.fail('negated class');
    let set = 0;
    while (this.peek() !== ']') {
      const from = this.classDigit();
      if (this.peek() === '-' && this.source[this.pos + 1] !== ']') {
        this.pos++;
        const to = this.classDigit();
        for (let d = from; d <= to; d++) set |= 1 << d;
      } else if (from === -1) {
        set |= ALL_DIGITS;
      } else {
        set |= 1 << from;
      }
    }
    this.pos++;
    return { kind: 'digits', set };
  }

  /** A digit inside a class; -1 stands for `\d`. */
  private classDigit(): number {
    const c = this.source[this.pos++];
    if (c === undefined) this.fail('unclosed class');
    if (c === '\\' && this.source[this.pos] === 'd') {
      this.pos++;
      return -1;
    }
    if (c < '0' || c > '9') this.fail(`unexpected '${c}' in class`);
    return Number(c);
  }

  private quantified(node: Node): Node {
    const c = this.peek();
    if (c === '?') return this.step({ kind: 'repeat', node, min: 0, max: 1 });
    if (c === '*') return this.step({ kind: 'repeat', node, min: 0, max: Infinity });
    if (c === '+') return this.step({ kind: 'repeat', node, min: 1, max: Infinity });
    if (c === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.pos));
      if (!match) this.fail('bad quantifier');
      this.pos += match[0].length;
      const min = Number(match[1]);
      const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
      return { kind: 'repeat', node, min, max };
    }
    return node;
  }

  private step(node: Node): Node {
    this.pos++;
    return node;
  }
}

/** Thompson NFA: each state has epsilon edges and at most one digit edge. */
class Nfa {
  readonly epsilon: number[][] = [];
  readonly digitSet: number[] = [];
  readonly digitTarget: number[] = [];

  newState(): number {
    this.epsilon.push([]);
    this.digitSet.push(0);
    this.digitTarget.push(-1);
    return this.epsilon.length - 1;
  }

  /** Builds `node` between two fresh states and returns them. */
  build(node: Node): { start: number; end: number } {
    const start = this.newState();
    const end = this.newState();
    this.wire(node, start, end);
    return { start, end };
  }

  private wire(node: Node, from: number, to: number): void {
    switch (node.kind) {
      case 'digits':
        this.digitSet[from] = node.set;
        this.digitTarget[from] = to;
        return;
      case 'seq': {
        let at = from;
        for (const item of node.items) {
          const next = this.newState();
          this.wire(item, at, next);
          at = next;
        }
        this.epsilon[at]!.push(to);
        return;
      }
      case 'alt':
        for (const option of node.options) {
          const s = this.newState();
          this.epsilon[from]!.push(s);
          this.wire(option, s, to);
        }
        return;
      case 'repeat': {
        let at = from;
        for (let i = 0; i < node.min; i++) {
          const next = this.newState();
          this.wire(node.node, at, next);
          at = next;
        }
        if (node.max === Infinity) {
          const loop = this.newState();
          this.epsilon[at]!.push(loop);
          const back = this.newState();
          this.wire(node.node, loop, back);
          this.epsilon[back]!.push(loop);
          this.epsilon[loop]!.push(to);
          return;
        }
        for (let i = node.min; i < node.max; i++) {
          this.epsilon[at]!.push(to);
          const next = this.newState();
          this.wire(node.node, at, next);
          at = next;
        }
        this.epsilon[at]!.push(to);
        return;
      }
    }
  }

  closure(states: Iterable<number>): number[] {
    const seen = new Set<number>();
    const stack = [...states];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (seen.has(s)) continue;
      seen.add(s);
      for (const t of this.epsilon[s]!) stack.push(t);
    }
    return [...seen].sort((a, b) => a - b);
  }
}

export const DEAD = -1;

/**
 * A DFA over strings of exactly `length` digits. States are small integers; `next(state, digit)`
 * returns DEAD when no valid string continues that way.
 */
export class DigitAutomaton {
  /** transitions[state * 10 + digit] = next state or DEAD */
  private readonly transitions: Int32Array;
  /** acceptedCount[state] = how many digit strings lead from this state to acceptance (length is fixed). */
  private readonly acceptedCount: Float64Array;
  readonly start = 0;

  private constructor(
    transitions: number[],
    private readonly depth: number[],
    readonly length: number,
    accepting: boolean[],
  ) {
    this.transitions = Int32Array.from(transitions);
    const states = depth.length;
    this.acceptedCount = new Float64Array(states);
    // States are created breadth first, so a reverse sweep sees every successor before its state.
    for (let s = states - 1; s >= 0; s--) {
      if (depth[s] === length) {
        this.acceptedCount[s] = accepting[s] ? 1 : 0;
        continue;
      }
      let total = 0;
      for (let d = 0; d < 10; d++) {
        const t = this.transitions[s * 10 + d]!;
        if (t !== DEAD) total += this.acceptedCount[t]!;
      }
      this.acceptedCount[s] = total;
    }
  }

  /** Compiles `pattern` (anchored on both ends) for strings of exactly `length` digits. */
  static compile(pattern: string, length: number): DigitAutomaton {
    const nfa = new Nfa();
    const { start, end } = nfa.build(new PatternParser(pattern).parse());
    const ids = new Map<string, number>();
    const sets: number[][] = [];
    const depth: number[] = [];
    const accepting: boolean[] = [];
    const transitions: number[] = [];
    const intern = (set: number[], level: number): number => {
      const key = `${level}:${set.join(',')}`;
      let id = ids.get(key);
      if (id === undefined) {
        id = sets.length;
        ids.set(key, id);
        sets.push(set);
        depth.push(level);
        accepting.push(level === length && set.includes(end));
        transitions.push(...new Array<number>(10).fill(DEAD));
      }
      return id;
    };
    intern(nfa.closure([start]), 0);
    for (let s = 0; s < sets.length; s++) {
      if (depth[s] === length) continue;
      for (let d = 0; d < 10; d++) {
        const moved: number[] = [];
        for (const n of sets[s]!) {
          if (nfa.digitTarget[n] !== -1 && (nfa.digitSet[n]! & (1 << d)) !== 0) moved.push(nfa.digitTarget[n]!);
        }
        if (moved.length === 0) continue;
        transitions[s * 10 + d] = intern(nfa.closure(moved), depth[s]! + 1);
      }
    }
    // Prune states that cannot reach acceptance, so DEAD means "no valid number this way".
    const automaton = new DigitAutomaton(transitions, depth, length, accepting);
    for (let i = 0; i < transitions.length; i++) {
      const t = transitions[i]!;
      if (t !== DEAD && automaton.acceptedCount[t] === 0) automaton.transitions[i] = DEAD;
    }
    return automaton;
  }

  next(state: number, digit: number): number {
    return this.transitions[state * 10 + digit]!;
  }

  /** Number of accepted completions from `state` (all remaining digits free). */
  completions(state: number): number {
    return this.acceptedCount[state]!;
  }

  /** Walks `digits` from `state`; DEAD when they leave the language. */
  walk(digits: string, state = this.start): number {
    let s = state;
    for (let i = 0; i < digits.length && s !== DEAD; i++) s = this.next(s, digits.charCodeAt(i) - 48);
    return s;
  }

  accepts(digits: string): boolean {
    if (digits.length !== this.length || !/^\d+$/.test(digits)) return false;
    const s = this.walk(digits);
    return s !== DEAD && this.depth[s] === this.length && this.acceptedCount[s] === 1;
  }
}
