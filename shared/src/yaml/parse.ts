import { Composer, Document, Lexer, LineCounter, Parser, isScalar } from 'yaml';
import type { CST } from 'yaml';
import type { Diagnostic } from '../diagnostics/index.js';
import { scanDocumentToken } from './cst-scan.js';
import type { CstScan } from './cst-scan.js';
import { YAML_CODES, byPosition, yamlDiagnostic } from './diagnostic.js';
import type { Position } from './diagnostic.js';
import { DEFAULT_MAX_BYTES, MAX_DEPTH, MAX_DOCUMENTS, exceedsBytes } from './limits.js';
import { createLocator, fixedLocator } from './locate.js';
import type { Locate } from './locate.js';
import { readDocument } from './read.js';
import { kubectlFlushListSchema, kubectlSchema } from './schema.js';
import { streamDiagnostics, syntaxDiagnostics } from './syntax.js';

export interface ParseYamlOptions {
  /** File name, carried into each document so findings can say where they come from. */
  source?: string;
  /** Largest accepted text in UTF-8 bytes; defaults to 1 MiB. */
  maxBytes?: number;
}

export interface ParsedDocument {
  /** 0-based position in the stream, counting empty documents that are not returned. */
  index: number;
  source?: string;
  /** The `yaml` document, kept for edits and printing that preserve comments and key order. */
  document: Document;
  /** What kubectl would send to the API server; undefined when `fatal`. */
  value: unknown;
  /** The value cannot be trusted: syntax error, alias, tag, duplicate or bad key, or over a limit. */
  fatal: boolean;
  diagnostics: Diagnostic[];
  /** 1-based position of the node at a JSON pointer, or of its nearest existing ancestor. */
  locate: Locate;
}

const COMPOSE_OPTIONS = {
  schema: kubectlSchema,
  // Duplicates are found by the reader, which compares keys as kubectl does and names both lines.
  uniqueKeys: false,
} as const;

/** Precise depth is measured on each finished document; this only stops a runaway early. */
const PARSER_STACK_LIMIT = MAX_DEPTH * 2;

interface Pending {
  index: number;
  scan: CstScan;
}

function withSource(entry: Omit<ParsedDocument, 'source'>, source: string | undefined): ParsedDocument {
  return source === undefined ? entry : { ...entry, source };
}

/** A stand-in for a document that was deliberately not composed. */
function rejected(index: number, source: string | undefined, diagnostic: Diagnostic): ParsedDocument {
  const position: Position = { line: diagnostic.line ?? 1, column: diagnostic.column ?? 1 };
  return withSource(
    {
      index,
      document: new Document(null, { schema: kubectlSchema }),
      value: undefined,
      fatal: true,
      diagnostics: [diagnostic],
      locate: fixedLocator(position),
    },
    source,
  );
}

function isEmptyDocument(document: Document.Parsed): boolean {
  const { contents } = document;
  return (
    isScalar(contents) &&
    contents.value === null &&
    contents.source === '' &&
    contents.anchor === undefined &&
    contents.tag === undefined &&
    document.errors.length === 0 &&
    document.warnings.length === 0
  );
}

/** Prints lists the way the author wrote them (kubectl writes them flush with their key). */
function keepListStyle(document: Document, indentSeq: boolean | undefined): void {
  if (indentSeq === false) document.schema = kubectlFlushListSchema;
}

/**
 * Reads a multi-document YAML stream as kubectl would, reporting everything that makes the
 * result differ from what the author sees or that could hurt the server reading it.
 */
export function parseYaml(text: string, options: ParseYamlOptions = {}): ParsedDocument[] {
  const { source } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (exceedsBytes(text, maxBytes)) {
    const message =
      `This text is larger than ${String(maxBytes)} bytes, so it was not read at all. ` +
      'Split it into smaller files.';
    return [
      rejected(0, source, yamlDiagnostic('error', YAML_CODES.tooLarge, '', { line: 1, column: 1 }, message)),
    ];
  }

  const lineCounter = new LineCounter();
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer(COMPOSE_OPTIONS);
  const results: ParsedDocument[] = [];
  // The composer hands a document back only once the next one starts, so remember what goes with it.
  const pending: Pending[] = [];
  let streamIndex = 0;
  let skipping = false;
  let stopped = false;

  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  const accept = (document: Document.Parsed): void => {
    const entry = pending.shift();
    if (!entry || stopped || isEmptyDocument(document)) return;
    if (results.length >= MAX_DOCUMENTS) {
      stopped = true;
      const message =
        `This stream holds more than ${String(MAX_DOCUMENTS)} documents; reading stopped at document ` +
        `${String(entry.index + 1)}. Split it into several files.`;
      const at = position(document.range[0]);
      results.push(
        rejected(entry.index, source, yamlDiagnostic('error', YAML_CODES.tooComplex, '', at, message)),
      );
      return;
    }
    const read = readDocument(document, { text, lineCounter, props: entry.scan.props });
    const diagnostics = syntaxDiagnostics(document, lineCounter).concat(read.diagnostics).sort(byPosition);
    const fatal = read.fatal || document.errors.length > 0;
    keepListStyle(document, read.indentSeq);
    results.push(
      withSource(
        {
          index: entry.index,
          document,
          value: fatal ? undefined : read.value,
          fatal,
          diagnostics,
          locate: createLocator(document, lineCounter),
        },
        source,
      ),
    );
  };

  const tooDeep = (index: number, offset: number, rest: string): void => {
    const message =
      `This document nests maps and lists more than ${String(MAX_DEPTH)} levels deep, so it was not ` +
      `read${rest}. No Kubernetes object needs that; flatten the structure.`;
    results.push(
      rejected(index, source, yamlDiagnostic('error', YAML_CODES.tooComplex, '', position(offset), message)),
    );
  };

  const take = (token: CST.Token): void => {
    if (token.type === 'document') {
      const index = streamIndex++;
      const scan = scanDocumentToken(token, MAX_DEPTH);
      skipping = scan.tooDeepAt !== undefined;
      if (scan.tooDeepAt !== undefined) {
        tooDeep(index, scan.tooDeepAt, '');
        return;
      }
      pending.push({ index, scan });
    } else if (skipping && (token.type === 'doc-end' || token.type === 'error')) {
      // Belongs to the document that was not composed; the composer would pin it on the one before.
      return;
    }
    for (const document of composer.next(token)) accept(document);
  };

  // Driving the lexer by hand lets a runaway nesting be cut off after a few hundred bytes instead of
  // being parsed to the end (the parser's stack holds one entry per open collection).
  lineCounter.addNewLine(0);
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) take(token);
    if (stopped) break;
    if (parser.stack.length > PARSER_STACK_LIMIT) {
      for (const document of composer.end()) accept(document);
      const innermost = parser.stack[parser.stack.length - 1];
      tooDeep(streamIndex, innermost?.offset ?? parser.offset, ', nor anything after it');
      stopped = true;
      break;
    }
  }
  if (!stopped) {
    for (const token of parser.end()) take(token);
    for (const document of composer.end()) accept(document);
  }

  if (streamIndex === 0) {
    const orphans = composer.streamInfo().errors;
    if (orphans.length > 0) {
      const [first, ...rest] = streamDiagnostics(orphans, lineCounter);
      if (first) results.push({ ...rejected(0, source, first), diagnostics: [first, ...rest] });
    }
  }
  // Documents refused before composing were recorded ahead of the one still inside the composer.
  return results.sort((a, b) => a.index - b.index);
}
