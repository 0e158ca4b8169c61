/**
 * Parser for the RE2 syntax that Kubernetes accepts in CRD `pattern`s. Kubernetes evaluates patterns
 * with Go's linear-time engine; JavaScript's backtracking engine is exponential on patterns such as
 * Traefik's duration pattern, so patterns are compiled to an automaton instead (see program.ts).
 */
export type CharTest = (codePoint: number) => boolean;

export type RegexNode =
  | { kind: 'empty' }
  | { kind: 'char'; test: CharTest }
  | { kind: 'concat'; items: RegexNode[] }
  | { kind: 'alt'; options: RegexNode[] }
  | { kind: 'repeat'; node: RegexNode; min: number; max: number }
  | { kind: 'bol' }
  | { kind: 'eol' };

export class RegexSyntaxError extends Error {
  override readonly name = 'RegexSyntaxError';
}

const MAX_REPEAT = 1000;

const isDigit: CharTest = (c) => c >= 48 && c <= 57;
const isWord: CharTest = (c) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace: CharTest = (c) => c === 32 || (c >= 9 && c <= 13);
const not =
  (test: CharTest): CharTest =>
  (c) =>
    !test(c);

function escapeClass(letter: string): CharTest | undefined {
  switch (letter) {
    case 'd':
      return isDigit;
    case 'D':
      return not(isDigit);
    case 'w':
      return isWord;
    case 'W':
      return not(isWord);
    case 's':
      return isSpace;
    case 'S':
      return not(isSpace);
    default:
      return undefined;
  }
}

const ESCAPED_CONTROL: Readonly<Record<string, number>> = { n: 10, r: 13, t: 9, f: 12, v: 11 };

class Parser {
  private pos = 0;
  private readonly chars: string[];

  constructor(private readonly source: string) {
    this.chars = Array.from(source);
  }

  parse(): RegexNode {
    const node = this.parseAlternation();
    if (this.pos < this.chars.length) this.fail(`unexpected "${this.chars[this.pos]}"`);
    return node;
  }

  private fail(reason: string): never {
    throw new RegexSyntaxError(`Cannot read the pattern ${JSON.stringify(this.source)}: ${reason}.`);
  }

  private peek(): string | undefined {
    return this.chars[this.pos];
  }

  private parseAlternation(): RegexNode {
    const options = [this.parseConcat()];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.parseConcat());
    }
    return options.length === 1 ? options[0]! : { kind: 'alt', options };
  }

  private parseConcat(): RegexNode {
    const items: RegexNode[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      items.push(this.parseQuantified());
    }
    if (items.length === 0) return { kind: 'empty' };
    return items.length === 1 ? items[0]! : { kind: 'concat', items };
  }

  private parseQuantified(): RegexNode {
    let node = this.parseAtom();
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      if (c === '*') [min, max] = [0, Infinity];
      else if (c === '+') [min, max] = [1, Infinity];
      else if (c === '?') [min, max] = [0, 1];
      else if (c === '{' && this.looksLikeCount()) {
        [min, max] = this.parseCount();
        this.pos--; // parseCount consumed the closing brace; the shared increment below re-consumes it
      } else return node;
      this.pos++;
      if (this.peek() === '?') this.pos++; // laziness changes which match is reported, not whether one exists
      if (max !== Infinity && max > MAX_REPEAT) this.fail(`a repeat count above ${MAX_REPEAT}`);
      node = { kind: 'repeat', node, min, max };
    }
  }

  private looksLikeCount(): boolean {
    const rest = this.chars.slice(this.pos).join('');
    return /^\{\d+(,\d*)?\}/.test(rest);
  }

  private parseCount(): [number, number] {
    const rest = this.chars.slice(this.pos).join('');
    const m = /^\{(\d+)(,(\d*))?\}/.exec(rest)!;
    this.pos += m[0].length;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    if (max < min) this.fail(`the repeat count {${min},${max}} has its maximum below its minimum`);
    return [min, max];
  }

  private parseAtom(): RegexNode {
    const c = this.chars[this.pos++];
    switch (c) {
      case '(': {
        if (this.peek() === '?') {
          if (this.chars[this.pos + 1] !== ':') this.fail('only (?:...) groups are supported');
          this.pos += 2;
        }
        const inner = this.parseAlternation();
        if (this.chars[this.pos++] !== ')') this.fail('a group is not closed');
        return inner;
      }
      case '[':
        return { kind: 'char', test: this.parseClass() };
      case '.':
        return { kind: 'char', test: (cp) => cp !== 10 };
      case '^':
        return { kind: 'bol' };
      case '$':
        return { kind: 'eol' };
      case '\\':
        return { kind: 'char', test: this.parseEscape() };
      case '*':
      case '+':
      case '?':
        return this.fail(`"${c}" has nothing to repeat`);
      default: {
        const cp = c!.codePointAt(0)!;
        return { kind: 'char', test: (x) => x === cp };
      }
    }
  }

  private parseEscape(): CharTest {
    const letter = this.chars[this.pos++];
    if (letter === undefined) this.fail('it ends with a lone backslash');
    const cls = escapeClass(letter);
    if (cls) return cls;
    const control = ESCAPED_CONTROL[letter];
    const cp = control ?? letter.codePointAt(0)!;
    return (x) => x === cp;
  }

  private parseClass(): CharTest {
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.pos++;
    }
    const tests: CharTest[] = [];
    let first = true;
    while (this.peek() !== ']' || first) {
      first = false;
      const c = this.chars[this.pos++];
      if (c === undefined) this.fail('a character class is not closed');
      let low: number;
      if (c === '\\') {
        const letter = this.chars[this.pos++];
        if (letter === undefined) this.fail('it ends with a lone backslash');
        const cls = escapeClass(letter);
        if (cls) {
          tests.push(cls);
          continue;
        }
        low = ESCAPED_CONTROL[letter] ?? letter.codePointAt(0)!;
      } else low = c.codePointAt(0)!;
      if (this.peek() === '-' && this.chars[this.pos + 1] !== ']' && this.chars[this.pos + 1] !== undefined) {
        this.pos++;
        let highChar = this.chars[this.pos++]!;
        if (highChar === '\\') highChar = this.chars[this.pos++] ?? '';
        const high = highChar.codePointAt(0) ?? low;
        tests.push((x) => x >= low && x <= high);
      } else tests.push((x) => x === low);
    }
    this.pos++;
    const any: CharTest = (x) => tests.some((t) => t(x));
    return negate ? not(any) : any;
  }
}

export function parseRegex(source: string): RegexNode {
  return new Parser(source).parse();
}
