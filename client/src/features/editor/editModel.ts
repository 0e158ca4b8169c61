import {
  deleteIn,
  parseYaml,
  printDocument,
  setIn,
  validate,
  type Diagnostic,
  type DocumentsResponse,
  type EditPath,
  type Locate,
  type ResourceSchema,
} from '@dialtone/shared';
import { isCollection, type Document } from 'yaml';

/**
 * One transport being edited. The text and the parsed `yaml` Document always describe the same
 * thing: the YAML tab replaces the text (and the Document is re-read from it), the form edits the
 * Document in place (and the text is printed from it), so comments and key order survive both.
 */
export interface EditModel {
  text: string;
  document: Document | undefined;
  /** kubectl's reading of the text; undefined while the text cannot be read. */
  value: unknown;
  fatal: boolean;
  /** More than one document, or none: the editor holds exactly one transport. */
  shapeProblem?: string;
  diagnostics: Diagnostic[];
  locate: Locate | undefined;
}

export function withPositions(diagnostics: Diagnostic[], locate: Locate | undefined): Diagnostic[] {
  if (!locate) return diagnostics;
  return diagnostics.map((d) => {
    if (d.line !== undefined) return d;
    const at = locate(d.path, d.code.includes('unknown') || d.code.includes('additional') ? 'key' : 'value');
    return at ? { ...d, line: at.line, column: at.column } : d;
  });
}

/** Reads text into a model: the shared parser's findings, then the shared validator's. */
export function readModel(text: string, schema: ResourceSchema | undefined): EditModel {
  const docs = parseYaml(text);
  const first = docs[0];
  if (!first) {
    return {
      text,
      document: undefined,
      value: undefined,
      fatal: true,
      shapeProblem: 'The editor is empty: write one ServersTransportTCP.',
      diagnostics: [],
      locate: undefined,
    };
  }
  const diagnostics = docs.flatMap((d) => d.diagnostics);
  const shapeProblem =
    docs.length > 1
      ? 'The editor holds one transport; this text has several documents. Use Import YAML for several.'
      : undefined;
  if (!first.fatal && !shapeProblem) {
    const options = schema ? { schemas: { serversTransportTCP: schema } } : {};
    diagnostics.push(...withPositions(validate(first.value, options), first.locate));
  }
  return {
    text,
    document: first.document,
    value: first.value,
    fatal: first.fatal || Boolean(shapeProblem),
    ...(shapeProblem ? { shapeProblem } : {}),
    diagnostics,
    locate: first.locate,
  };
}

/** A form edit: change the Document at `path` (remove when undefined) and print it again. */
export function editModel(
  model: EditModel,
  path: EditPath,
  value: unknown,
  schema: ResourceSchema | undefined,
): EditModel {
  if (!model.document || model.fatal) return model;
  // Edits go to a copy: React may call a state updater twice, and the old model must stay as it was.
  const document = model.document.clone();
  if (value === undefined) removeIn(document, path);
  else setIn(document, path, value);
  return readModel(printDocument(document), schema);
}

/**
 * Removes a value and then every map or list under spec that it left empty: a form that clears
 * the PROXY version removes proxyProtocol, since Traefik reads `proxyProtocol: {}` as version 0 and
 * fails every service using the transport.
 */
function removeIn(document: Document, path: EditPath): void {
  deleteIn(document, path);
  for (let depth = path.length - 1; depth >= 2; depth--) {
    const parent = path.slice(0, depth);
    const node: unknown = document.getIn(parent, true);
    if (!isCollection(node) || node.items.length > 0) return;
    deleteIn(document, parent);
  }
}

/** Several edits at once (a rebase), each on the same Document so the user's comments stay. */
export function editModelMany(
  model: EditModel,
  edits: { path: EditPath; value: unknown }[],
  schema: ResourceSchema | undefined,
): EditModel {
  if (!model.document || model.fatal) return model;
  const document = model.document.clone();
  for (const edit of edits) {
    if (edit.value === undefined) removeIn(document, edit.path);
    else setIn(document, edit.path, edit.value);
  }
  return readModel(printDocument(document), schema);
}

export function diagnosticsAt(model: EditModel, pointer: string): Diagnostic[] {
  return model.diagnostics.filter((d) => d.path === pointer);
}

/** Adds what only the server can say (its dry run) to the local findings, without repeating any. */
export function withServerFindings(local: Diagnostic[], response: DocumentsResponse): Diagnostic[] {
  const seen = new Set(local.map((d) => `${d.code}|${d.path}`));
  const extra = (response.documents[0]?.diagnostics ?? []).filter((d) => !seen.has(`${d.code}|${d.path}`));
  return [...local, ...extra];
}
