import { parseRegex, type CharTest, type RegexNode } from './parse.js';

/** A Thompson automaton: matching is linear in the input, whatever the pattern (as with Go's RE2). */
type State =
  | { kind: 'char'; test: CharTest; next: number }
  | { kind: 'split'; a: number; b: number }
  | { kind: 'bol'; next: number }
  | { kind: 'eol'; next: number }
  | { kind: 'match' };

class Builder {
  readonly states: State[] = [];

  private add(state: State): number {
    this.states.push(state);
    return this.states.length - 1;
  }

  /** Emits `node` so that it continues to `next`; returns its entry state. */
  emit(node: RegexNode, next: number): number {
    switch (node.kind) {
      case 'empty':
        return next;
      case 'char':
        return this.add({ kind: 'char', test: node.test, next });
      case 'bol':
        return this.add({ kind: 'bol', next });
      case 'eol':
        return this.add({ kind: 'eol', next });
      case 'concat': {
        let entry = next;
        for (let i = node.items.length - 1; i >= 0; i--) entry = this.emit(node.items[i]!, entry);
        return entry;
      }
      case 'alt': {
        let entry = this.emit(node.options[node.options.length - 1]!, next);
        for (let i = node.options.length - 2; i >= 0; i--) {
          entry = this.add({ kind: 'split', a: this.emit(node.options[i]!, next), b: entry });
        }
        return entry;
      }
      case 'repeat': {
        let entry = next;
        if (node.max === Infinity) {
          // A loop: the split is created first so the body can jump back to it.
          const loop = this.add({ kind: 'split', a: -1, b: next });
          const body = this.emit(node.node, loop);
          this.states[loop] = { kind: 'split', a: body, b: next };
          entry = loop;
        } else {
          for (let i = node.max; i > node.min; i--) {
            entry = this.add({ kind: 'split', a: this.emit(node.node, entry), b: next });
          }
        }
        for (let i = 0; i < node.min; i++) entry = this.emit(node.node, entry);
        return entry;
      }
    }
  }
}

export interface CompiledRegex {
  readonly source: string;
  /** True when the pattern matches anywhere in `input`, like Go's regexp.MatchString. */
  test(input: string): boolean;
}

export function compileRegex(source: string): CompiledRegex {
  const builder = new Builder();
  const match = builder.states.push({ kind: 'match' }) - 1;
  const start = builder.emit(parseRegex(source), match);
  const states = builder.states;

  return {
    source,
    test(input: string): boolean {
      const chars = Array.from(input);
      const length = chars.length;
      let current: number[] = [];
      let seen = new Uint32Array(states.length);
      let generation = 1;

      const addThread = (list: number[], id: number, pos: number): boolean => {
        if (seen[id] === generation) return false;
        seen[id] = generation;
        const state = states[id]!;
        switch (state.kind) {
          case 'match':
            return true;
          case 'split':
            return addThread(list, state.a, pos) || addThread(list, state.b, pos);
          case 'bol':
            return pos === 0 ? addThread(list, state.next, pos) : false;
          case 'eol':
            return pos === length ? addThread(list, state.next, pos) : false;
          case 'char':
            list.push(id);
            return false;
        }
      };

      if (addThread(current, start, 0)) return true;
      for (let pos = 0; pos < length; pos++) {
        const cp = chars[pos]!.codePointAt(0)!;
        const next: number[] = [];
        generation++;
        if (generation === 0xffffffff) {
          seen = new Uint32Array(states.length);
          generation = 1;
        }
        for (const id of current) {
          const state = states[id] as Extract<State, { kind: 'char' }>;
          if (state.test(cp) && addThread(next, state.next, pos + 1)) return true;
        }
        // Unanchored search: a match may start at any position.
        if (addThread(next, start, pos + 1)) return true;
        current = next;
      }
      return false;
    },
  };
}
