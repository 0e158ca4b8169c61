import type { Diagnostic, DiagnosticSource, PathSegment } from '../diagnostics/index.js';
import { toFieldPath, toPointer } from '../diagnostics/index.js';
import { compileRegex, type CompiledRegex } from '../regex/index.js';
import { DURATION_PATTERN } from './crdToJsonSchema.js';
import { durationRewriteHint } from './durationRewrite.js';
import type { JsonSchema } from './jsonSchemaTypes.js';
import { own } from './own.js';

const regexCache = new Map<string, CompiledRegex>();
function regex(pattern: string): CompiledRegex {
  let compiled = regexCache.get(pattern);
  if (!compiled) {
    compiled = compileRegex(pattern);
    regexCache.set(pattern, compiled);
  }
  return compiled;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: NonNullable<JsonSchema['type']>): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function show(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 80 ? value.slice(0, 77) + '...' : value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}

class Walker {
  readonly diagnostics: Diagnostic[] = [];
  private readonly path: PathSegment[] = [];

  private report(
    node: JsonSchema,
    source: DiagnosticSource,
    code: string,
    message: string,
    extra: { hint?: string; severity?: Diagnostic['severity']; useNodeCode?: boolean } = {},
  ): void {
    const diagnostic: Diagnostic = {
      severity: extra.severity ?? 'error',
      code: extra.useNodeCode === false ? code : (node['x-dialtone-code'] ?? code),
      source,
      path: toPointer(this.path),
      message,
    };
    if (extra.hint !== undefined) diagnostic.hint = extra.hint;
    this.diagnostics.push(diagnostic);
  }

  private field(): string {
    return toFieldPath(this.path) || '(document)';
  }

  walk(value: unknown, node: JsonSchema, inherited: DiagnosticSource): void {
    const source = node['x-dialtone-source'] ?? inherited;
    if (node['x-kubernetes-int-or-string']) {
      this.intOrString(value, node, source);
      return;
    }
    if (node.type !== undefined && !matchesType(value, node.type)) {
      this.report(
        node,
        source,
        `${source}.type`,
        `${this.field()} must be ${article(node.type)}, not ${typeOf(value) === 'null' ? 'null' : `${article(typeOf(value))} (${show(value)})`}.`,
      );
      return;
    }
    if (node.const !== undefined && value !== node.const) {
      this.report(
        node,
        source,
        `${source}.const`,
        `${this.field()} must be ${show(node.const)}, not ${show(value)}.`,
      );
    }
    if (node.enum && !node.enum.includes(value)) {
      this.report(
        node,
        source,
        `${source}.enum`,
        `${this.field()} is ${show(value)}; allowed values are ${node.enum.map(show).join(', ')}.`,
      );
    }
    if (typeof value === 'string') this.string(value, node, source);
    else if (typeof value === 'number') this.number(value, node, source);
    else if (Array.isArray(value)) this.array(value, node, source);
    else if (value !== null && typeof value === 'object')
      this.object(value as Record<string, unknown>, node, source);
  }

  private intOrString(value: unknown, node: JsonSchema, source: DiagnosticSource): void {
    const kind = typeOf(value);
    const [integerBranch, stringBranch] = node.anyOf ?? [];
    if (kind === 'integer' && integerBranch) this.number(value as number, integerBranch, source);
    else if (kind === 'string' && stringBranch) this.string(value as string, stringBranch, source);
    else {
      this.report(
        node,
        source,
        `${source}.type`,
        `${this.field()} must be an integer or a string, not ${kind === 'null' ? 'null' : `${article(kind)} (${show(value)})`}.`,
        { hint: 'Durations are written as a string such as "30s", or as an integer number of seconds.' },
      );
    }
  }

  private string(value: string, node: JsonSchema, source: DiagnosticSource): void {
    if (node.maxLength !== undefined && [...value].length > node.maxLength) {
      this.report(
        node,
        source,
        `${source}.max-length`,
        `${this.field()} is ${[...value].length} characters long; at most ${node.maxLength} are allowed.`,
      );
    }
    if (node.minLength !== undefined && [...value].length < node.minLength) {
      this.report(
        node,
        source,
        `${source}.min-length`,
        `${this.field()} needs at least ${node.minLength} characters.`,
      );
    }
    if (node.pattern !== undefined && !regex(node.pattern).test(value)) {
      const meaning = node['x-dialtone-pattern-meaning'];
      this.report(
        node,
        source,
        `${source}.pattern`,
        meaning
          ? `${this.field()} is ${show(value)}, which is not ${meaning}.`
          : `${this.field()} is ${show(value)}, which does not match the pattern ${node.pattern}.`,
        {
          hint:
            node.pattern === DURATION_PATTERN
              ? (durationRewriteHint(value) ?? 'Write whole numbers with a unit, e.g. "30s" or "1500ms".')
              : `The API server checks the pattern ${node.pattern}.`,
        },
      );
    }
  }

  private number(value: number, node: JsonSchema, source: DiagnosticSource): void {
    if (node.minimum !== undefined && value < node.minimum) {
      this.report(
        node,
        source,
        `${source}.minimum`,
        `${this.field()} is ${value}; the smallest allowed value is ${node.minimum}.`,
      );
    }
    if (node.maximum !== undefined && value > node.maximum) {
      this.report(
        node,
        source,
        `${source}.maximum`,
        `${this.field()} is ${value}; the largest allowed value is ${node.maximum}.`,
      );
    }
  }

  private array(value: unknown[], node: JsonSchema, source: DiagnosticSource): void {
    if (node.maxItems !== undefined && value.length > node.maxItems) {
      this.report(
        node,
        source,
        `${source}.max-items`,
        `${this.field()} has ${value.length} items; at most ${node.maxItems} are allowed.`,
      );
    }
    if (node.minItems !== undefined && value.length < node.minItems) {
      this.report(
        node,
        source,
        `${source}.min-items`,
        `${this.field()} needs at least ${node.minItems} items.`,
      );
    }
    const items = node.items;
    if (!items) return;
    value.forEach((item, index) => {
      this.path.push(index);
      // Null list items are not pruned by the API server, so they fail the item type.
      this.walk(item, items, source);
      this.path.pop();
    });
  }

  private object(value: Record<string, unknown>, node: JsonSchema, source: DiagnosticSource): void {
    const properties = node.properties ?? {};
    for (const [key, child] of Object.entries(value)) {
      const childSchema =
        own(properties, key) ??
        (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
      this.path.push(key);
      if (childSchema) {
        // The API server prunes nulls of non-nullable fields before validating: `dialTimeout: null` is unset.
        if (!(child === null && !childSchema.nullable)) this.walk(child, childSchema, source);
      } else if (node.additionalProperties === false) {
        const where = toFieldPath(this.path);
        this.report(
          node,
          source,
          `${source}.unknown-field`,
          `${where} is not a field of this resource; the API server rejects it under strict field validation, or silently drops it otherwise.`,
          {
            hint: suggestField(key, Object.keys(properties)),
            useNodeCode: false,
          },
        );
      }
      this.path.pop();
    }
    for (const key of node.required ?? []) {
      if (own(value, key) === undefined || own(value, key) === null) {
        this.path.push(key);
        const keySource = own(properties, key)?.['x-dialtone-source'] ?? source;
        this.report(node, keySource, `${keySource}.required`, `${this.field()} is required.`, {
          useNodeCode: false,
        });
        this.path.pop();
      }
    }
    for (const note of node['x-dialtone-cel'] ?? []) {
      if (note.check === 'exclusive-fields' && note.fields) {
        const present = note.fields.filter((f) => own(value, f) !== undefined && own(value, f) !== null);
        if (present.length > 1) {
          this.report(
            node,
            source,
            `${source}.cel`,
            `${this.field()}: ${note.message ?? `${present.join(' and ')} cannot be set together.`}`,
            {
              hint: `Keep only one of ${present.join(' or ')} in this item.`,
              useNodeCode: false,
            },
          );
        }
      } else {
        this.report(
          node,
          source,
          `${source}.cel-not-checked`,
          `${this.field()}: the rule "${note.rule}" is not checked locally; the API server will check it.`,
          {
            severity: 'info',
            useNodeCode: false,
          },
        );
      }
    }
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function suggestField(key: string, known: string[]): string | undefined {
  const lower = key.toLowerCase();
  const close = known.find((k) => {
    const kl = k.toLowerCase();
    return kl === lower || kl.startsWith(lower) || lower.startsWith(kl) || editDistance(kl, lower) <= 2;
  });
  if (close) return `Did you mean "${close}"?`;
  return known.length > 0 ? `Known fields here: ${known.join(', ')}.` : undefined;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = current;
    }
  }
  return row[b.length]!;
}

/**
 * Checks a plain value against a Dialtone JSON Schema with the API server's semantics: types,
 * int-or-string, patterns (in linear time), bounds, required fields after null pruning, unknown
 * fields as strict field validation sees them, and the CEL rules the code knows.
 */
export function validateWithSchema(value: unknown, schema: JsonSchema): Diagnostic[] {
  const walker = new Walker();
  walker.walk(value, schema, 'schema');
  return walker.diagnostics;
}
