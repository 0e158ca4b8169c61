import { visit } from 'yaml';
import type { Document, ErrorCode, LineCounter, YAMLError } from 'yaml';
import type { Diagnostic } from '../diagnostics/index.js';
import { YAML_CODES, yamlDiagnostic } from './diagnostic.js';

/** How to fix each parser complaint; the parser's own words say what went wrong. */
const FIXES: Partial<Record<ErrorCode, string>> = {
  TAB_AS_INDENT: 'Replace the tab with spaces.',
  BAD_INDENT: 'Line up entries of the same map or list at the same column, indenting with spaces.',
  MISSING_CHAR: 'Add the missing character.',
  MULTILINE_IMPLICIT_KEY:
    'A key must fit on one line. Check the line above for a missing ":" or an unclosed quote or bracket.',
  BLOCK_AS_IMPLICIT_KEY: 'Check the line for a missing ":" or a value indented under the wrong key.',
  BLOCK_IN_FLOW: 'Inside [ ] or { } write everything inline, or turn the brackets into an indented block.',
  BAD_DQ_ESCAPE: 'Inside double quotes write a backslash as \\\\, or use single quotes.',
  BAD_SCALAR_START: 'Quote the value: plain text cannot start with this character.',
  UNEXPECTED_TOKEN: 'Remove or quote the unexpected text; it may belong to the line above.',
  KEY_OVER_1024_CHARS: 'Keep keys under 1024 characters, or use an explicit "? " key.',
  MULTIPLE_DOCS: 'Separate documents with a line containing only ---.',
  BAD_DIRECTIVE: 'Remove the % directive line; Kubernetes manifests do not need one.',
  RESOURCE_EXHAUSTION: 'Flatten the structure; no Kubernetes object nests this deep.',
};

const GENERIC_FIX = 'Fix the YAML at this position.';

// The composer reports an unclosed quote where the text runs out, which can be hundreds of lines
// away; the user needs the line where the quote was opened.
function unclosedQuoteStart(document: Document, errorOffset: number): number | undefined {
  let start: number | undefined;
  visit(document, {
    Scalar(_key, node) {
      const at = node.range?.[0];
      if (at === undefined || at >= errorOffset) return;
      if (node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE') return;
      if (start === undefined || at > start) start = at;
    },
  });
  return start;
}

function sentence(text: string): string {
  const trimmed = text.trim().replace(/[.:]+$/, '');
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}

function describe(error: YAMLError, document: Document): { offset: number; message: string } {
  const offset = error.pos[0];
  if (error.code === 'MISSING_CHAR' && /quote/i.test(error.message)) {
    const quote = error.message.includes("'") ? "'" : '"';
    const start = unclosedQuoteStart(document, offset);
    return {
      offset: start ?? offset,
      message:
        `Cannot read this YAML: the ${quote === '"' ? 'double' : 'single'} quote opened here is never ` +
        `closed, so the text swallows everything after it. Add the closing ${quote} at the end of the value.`,
    };
  }
  const fix = FIXES[error.code] ?? GENERIC_FIX;
  return { offset, message: `Cannot read this YAML: ${sentence(error.message)}. ${fix}` };
}

function isSyntaxWarning(warning: YAMLError): boolean {
  // Tags are reported by the reader with a better message; the parser's warning would repeat it.
  return warning.code !== 'TAG_RESOLVE_FAILED' && warning.code !== 'BAD_COLLECTION_TYPE';
}

/** The parser's errors (fatal) and warnings for one document, as `yaml.syntax` diagnostics. */
export function syntaxDiagnostics(document: Document, lineCounter: LineCounter): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (error: YAMLError, severity: 'error' | 'warning'): void => {
    const { offset, message } = describe(error, document);
    const { line, col } = lineCounter.linePos(offset);
    out.push(yamlDiagnostic(severity, YAML_CODES.syntax, '', { line, column: col }, message));
  };
  for (const error of document.errors) {
    // A tag the schema cannot resolve is an error only because of the tag, which the reader reports.
    if (error.code !== 'TAG_RESOLVE_FAILED') add(error, 'error');
  }
  for (const warning of document.warnings) if (isSyntaxWarning(warning)) add(warning, 'warning');
  return out;
}

/** Errors the composer could not attach to any document, e.g. a stream that is only `...`. */
export function streamDiagnostics(errors: readonly YAMLError[], lineCounter: LineCounter): Diagnostic[] {
  return errors.map((error) => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    const fix = FIXES[error.code] ?? GENERIC_FIX;
    return yamlDiagnostic(
      'error',
      YAML_CODES.syntax,
      '',
      { line, column: col },
      `Cannot read this YAML: ${sentence(error.message)}. ${fix}`,
    );
  });
}
