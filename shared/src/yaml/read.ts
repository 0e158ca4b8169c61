import { isAlias, isCollection, isMap, isNode, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Diagnostic, PathSegment, Severity } from '../diagnostics/index.js';
import { toPointer } from '../diagnostics/index.js';
import { propBefore } from './cst-scan.js';
import type { PropMark } from './cst-scan.js';
import { YAML_CODES, yamlDiagnostic } from './diagnostic.js';
import type { YamlCode } from './diagnostic.js';
import { keyText } from './keys.js';
import { MAX_DIAGNOSTICS_PER_DOCUMENT } from './limits.js';
import { explainAmbiguity } from './scalars.js';
import type { ScalarValue } from './scalars.js';

export interface ReadContext {
  text: string;
  lineCounter: LineCounter;
  props: readonly PropMark[];
}

export interface ReadResult {
  value: unknown;
  fatal: boolean;
  diagnostics: Diagnostic[];
  /** False when the author wrote block lists flush with their parent key, as kubectl prints them. */
  indentSeq: boolean | undefined;
}

/** Assigns even `__proto__`, which plain assignment would turn into a prototype change. */
export function defineEntry(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else target[key] = value;
}

/**
 * One walk over a composed document that both finds the hazards and builds the value kubectl would
 * send. Without a context it only builds the value (for reading edited documents back).
 */
class Reader {
  readonly diagnostics: Diagnostic[] = [];
  fatal = false;
  indentSeq: boolean | undefined;
  private readonly segments: PathSegment[] = [];
  private readonly aliasesSeen = new Set<string>();

  constructor(private readonly context?: ReadContext) {}

  read(node: unknown): unknown {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      this.fatal = true;
      // One finding per anchor name is enough to fix them all; a billion-laughs file has hundreds.
      if (!this.aliasesSeen.has(node.source)) {
        this.aliasesSeen.add(node.source);
        this.report('error', YAML_CODES.anchorAlias, node.range?.[0], aliasMessage(node.source), ALIAS_HINT);
      }
      return undefined;
    }
    if (!isNode(node)) return node;
    this.checkProps(node);
    if (isScalar(node)) return this.readScalar(node);
    if (isMap(node)) return this.readMap(node);
    if (isSeq(node)) return this.readSeq(node);
    return undefined;
  }

  private readScalar(node: Scalar): unknown {
    const { value } = node;
    if (this.context && node.type === 'PLAIN' && !node.tag && typeof node.source === 'string') {
      if (typeof value !== 'string' || value.includes(':')) {
        const ambiguity = explainAmbiguity(node.source, value as ScalarValue);
        if (ambiguity) {
          const offset = node.range?.[0];
          this.report('warning', YAML_CODES.ambiguousScalar, offset, ambiguity.message, ambiguity.hint);
        }
      }
    }
    return value;
  }

  private readMap(node: YAMLMap): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = this.readKey(pair);
      if (key === undefined) continue;
      this.segments.push(key);
      if (isScalar(pair.key)) {
        this.readScalar(pair.key);
        if (Object.hasOwn(out, key)) this.reportDuplicate(node, pair, key);
      }
      if (this.context && this.indentSeq === undefined && isSeq(pair.value) && !pair.value.flow)
        this.noteListStyle(pair);
      defineEntry(out, key, this.read(pair.value));
      this.segments.pop();
    }
    return out;
  }

  private readSeq(node: YAMLSeq): unknown[] {
    const out: unknown[] = [];
    node.items.forEach((item, index) => {
      this.segments.push(index);
      out.push(this.read(item));
      this.segments.pop();
    });
    return out;
  }

  private readKey(pair: Pair): string | undefined {
    const { key } = pair;
    if (isAlias(key)) {
      this.read(key);
      return undefined;
    }
    if (isNode(key)) this.checkProps(key);
    const text = keyText(key);
    if (text === undefined) {
      const offset = isNode(key) ? key.range?.[0] : undefined;
      const what = isCollection(key) ? 'a map or a list' : 'empty (null)';
      this.report(
        'error',
        YAML_CODES.keyType,
        offset,
        `This map key is ${what}; kubectl can only turn text, number and boolean keys into JSON, ` +
          'so it rejects the whole file. Write the key as plain text.',
      );
    }
    return text;
  }

  private checkProps(node: Node): void {
    if (!this.context) return;
    const start = node.range?.[0];
    if (node.anchor !== undefined) {
      const at = start === undefined ? undefined : propBefore(this.context.props, 'anchor', start);
      this.report('error', YAML_CODES.anchorAlias, at ?? start, anchorMessage(node.anchor), ALIAS_HINT);
    }
    if (node.tag !== undefined) {
      const at = start === undefined ? undefined : propBefore(this.context.props, 'tag', start);
      const written = at === undefined ? node.tag : tagTextAt(this.context.text, at);
      this.report(
        'error',
        YAML_CODES.tag,
        at ?? start,
        `The tag ${written} is not allowed: kubectl sends plain JSON to the API server, so a tag is at ` +
          'best ignored and at worst changes the value. Remove the tag, and quote the value if it must stay text.',
        'Explicit tags such as !!str, !!binary or !custom are rejected; write the plain value instead.',
      );
    }
  }

  private reportDuplicate(map: YAMLMap, duplicate: Pair, key: string): void {
    const first = map.items.find((pair) => pair !== duplicate && keyText(pair.key) === key);
    const firstStart = isNode(first?.key) ? first.key.range?.[0] : undefined;
    const where = firstStart === undefined ? undefined : this.position(firstStart);
    const firstSeen = where ? ` (first on line ${where.line}, column ${where.column})` : '';
    const start = isNode(duplicate.key) ? duplicate.key.range?.[0] : undefined;
    this.report(
      'error',
      YAML_CODES.duplicateKey,
      start,
      `The key "${key}" appears more than once in this map${firstSeen}. Kubernetes either rejects the ` +
        'object or silently keeps only one of the values. Remove or rename one of them.',
    );
  }

  private noteListStyle(pair: Pair): void {
    const lineCounter = this.context?.lineCounter;
    const keyStart = isNode(pair.key) ? pair.key.range?.[0] : undefined;
    const listStart = isNode(pair.value) ? pair.value.range?.[0] : undefined;
    if (!lineCounter || keyStart === undefined || listStart === undefined) return;
    this.indentSeq = lineCounter.linePos(listStart).col > lineCounter.linePos(keyStart).col;
  }

  private position(offset: number): { line: number; column: number } {
    const { line, col } = this.context?.lineCounter.linePos(offset) ?? { line: 1, col: 1 };
    return { line, column: col };
  }

  private report(
    severity: Severity,
    code: YamlCode,
    offset: number | undefined,
    message: string,
    hint?: string,
  ): void {
    if (severity === 'error') this.fatal = true;
    if (!this.context || this.diagnostics.length >= MAX_DIAGNOSTICS_PER_DOCUMENT) return;
    const position = this.position(offset ?? 0);
    this.diagnostics.push(yamlDiagnostic(severity, code, toPointer(this.segments), position, message, hint));
  }
}

const ALIAS_HINT =
  'Anchors (&name) and aliases (*name) let a few hundred bytes expand into gigabytes, so they are rejected before anything is expanded.';

function anchorMessage(name: string): string {
  return `The anchor &${name} is not allowed. Remove it and write the value out in full wherever it is reused.`;
}

function aliasMessage(name: string): string {
  return (
    `The alias *${name} is not allowed. Replace it, and any other *${name}, with a full copy of the ` +
    'value it refers to.'
  );
}

function tagTextAt(text: string, offset: number): string {
  return /^!(?:<[^>]*>|[^\s,[\]{}]*)/.exec(text.slice(offset, offset + 200))?.[0] ?? '!';
}

export function readDocument(document: Document, context: ReadContext): ReadResult {
  const reader = new Reader(context);
  const value = reader.read(document.contents);
  return { value, fatal: reader.fatal, diagnostics: reader.diagnostics, indentSeq: reader.indentSeq };
}

/** kubectl's reading of a node, without any checks: aliases read as undefined, never expanded. */
export function plainValue(node: unknown): unknown {
  return new Reader().read(node);
}
