import { fromPointer, isAdmissible, type Diagnostic } from '../diagnostics/index.js';
import {
  crossCheckDocuments,
  clusterObjectsOf,
  type ClusterKind,
  validateObject,
  type CrossCheckEntry,
  type DocumentKind,
  type ValidateOptions,
} from '../validation/index.js';
import { parseYaml, type ParsedDocument } from '../yaml/index.js';
import type { LintedDocument, LintInput, LintReport } from './types.js';

export interface LintOptions extends ValidateOptions {
  maxBytes?: number;
}

function metadataOf(value: unknown): { namespace?: string; name?: string } {
  const metadata = (value as { metadata?: { namespace?: unknown; name?: unknown } } | null)?.metadata;
  const out: { namespace?: string; name?: string } = {};
  if (typeof metadata?.namespace === 'string') out.namespace = metadata.namespace;
  if (typeof metadata?.name === 'string') out.name = metadata.name;
  return out;
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const segment of fromPointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function placed(diagnostic: Diagnostic, parsed: ParsedDocument): Diagnostic {
  if (diagnostic.line !== undefined) return diagnostic;
  // Point at the key for unknown fields and for whole sections, at the value for a bad scalar.
  const target = valueAt(parsed.value, diagnostic.path);
  const section = target !== null && typeof target === 'object';
  const part = diagnostic.code.endsWith('unknown-field') || section ? 'key' : 'value';
  const position = parsed.locate(diagnostic.path, part);
  return position ? { ...diagnostic, line: position.line, column: position.column } : diagnostic;
}

const MISSING_CHECKS: Readonly<Record<ClusterKind, string>> = {
  Service: 'ExternalName Services, service ports by name or number, nativeLB and nodePortLB',
  EndpointSlice: 'services with no ready endpoints, which Traefik drops unless allowEmptyServices',
  Node: "nodePortLB services, which Traefik dials on the Nodes' InternalIP addresses",
};

/** Once per run: the provider checks that were left out because the input lacks the objects they read. */
function missingObjectsNote(missing: ReadonlySet<ClusterKind> | undefined): Diagnostic | undefined {
  if (!missing || missing.size === 0) return undefined;
  const kinds = [...missing];
  return {
    severity: 'info',
    code: 'traefik.objects-not-in-input',
    source: 'traefik',
    path: '/spec/routes',
    message: `This input holds no ${kinds.join(', no ')} objects, so lint did not check ${kinds.map((k) => MISSING_CHECKS[k]).join('; nor ')}.`,
    hint: 'Lint the routes together with those objects, for instance kubectl get services,endpointslices,nodes -A -o yaml.',
  };
}

const SEVERITY_ORDER: Readonly<Record<Diagnostic['severity'], number>> = { error: 0, warning: 1, info: 2 };

/**
 * `dialtone lint` without the file system: every ServersTransportTCP and IngressRouteTCP document of
 * the inputs, validated, cross-checked as one set, each finding placed at its line and column.
 */
export function lintDocuments(inputs: readonly LintInput[], options: LintOptions = {}): LintReport {
  const documents: LintedDocument[] = [];
  const parsedDocs: ParsedDocument[] = [];
  const entries: CrossCheckEntry[] = [];
  const entryToDocument: number[] = [];

  const parsedInputs = inputs.map((input) => ({
    input,
    parsed: parseYaml(input.text, {
      source: input.source,
      ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
    }),
  }));
  const validateOptions: ValidateOptions = {
    ...options,
    cluster:
      options.cluster ??
      clusterObjectsOf(
        parsedInputs.flatMap(({ parsed }) => parsed.filter((d) => !d.fatal).map((d) => d.value)),
        options.defaultNamespace,
      ),
  };

  for (const { input, parsed } of parsedInputs) {
    for (const doc of parsed) {
      const record: LintedDocument = {
        source: input.source,
        index: doc.index,
        valid: true,
        diagnostics: [...doc.diagnostics],
      };
      if (!doc.fatal) {
        const result = validateObject(doc.value, validateOptions);
        if (result.kind) record.kind = result.kind;
        Object.assign(record, metadataOf(doc.value));
        if (result.skipped !== undefined) {
          const declared = (doc.value as { kind?: unknown } | null)?.kind;
          if (typeof declared === 'string') record.kind = declared;
          record.skipped = result.skipped;
        }
        record.diagnostics.push(...result.diagnostics);
        if (result.kind === 'ServersTransportTCP' || result.kind === 'IngressRouteTCP') {
          entries.push({ kind: result.kind satisfies DocumentKind, value: doc.value });
          entryToDocument.push(documents.length);
        }
      }
      documents.push(record);
      parsedDocs.push(doc);
    }
  }

  const crossOptions = {
    ...(options.defaultNamespace ? { defaultNamespace: options.defaultNamespace } : {}),
    ...(options.provider ? { provider: options.provider } : {}),
  };
  for (const [entryIndex, diagnostics] of crossCheckDocuments(entries, crossOptions)) {
    documents[entryToDocument[entryIndex]!]!.diagnostics.push(...diagnostics);
  }

  const missing = missingObjectsNote(validateOptions.cluster?.missing);
  const firstRoute = documents.find((d) => d.kind === 'IngressRouteTCP');
  if (missing && firstRoute) firstRoute.diagnostics.push(missing);

  let errors = 0;
  let warnings = 0;
  let skipped = 0;
  documents.forEach((record, i) => {
    record.diagnostics = record.diagnostics
      .map((d) => placed(d, parsedDocs[i]!))
      .sort(
        (a, b) => (a.line ?? 0) - (b.line ?? 0) || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
      );
    record.valid = isAdmissible(record.diagnostics);
    if (record.skipped !== undefined) skipped++;
    for (const d of record.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
  });
  return { documents, summary: { documents: documents.length, errors, warnings, skipped } };
}

/** Exit status of `dialtone lint`: 1 when any diagnostic is an error, else 0. */
export function lintExitCode(report: LintReport): 0 | 1 {
  return report.summary.errors > 0 ? 1 : 0;
}
