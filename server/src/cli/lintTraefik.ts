import {
  parseYaml,
  type Diagnostic,
  type LintInput,
  type LintOptions,
  type LintReport,
  type LintTraefikInstance,
  type LintTraefikObject,
  type ParsedDocument,
  type TraefikVerdict,
} from '@dialtone/shared';
import {
  DEFAULT_READ,
  lintObjectViews,
  parseTraefikApi,
  readInstanceWithin,
  TraefikConfigError,
  type LintObject,
  type TraefikApiConfig,
} from '../traefikview/index.js';
import { UsageError } from './io.js';

export interface LintTraefikOptions {
  configs: TraefikApiConfig[];
  /** Per request; a whole read takes at most twice this. */
  timeoutMs: number;
}

/** The report with Traefik's findings in its documents, and what each format prints beside it. */
export interface LintWithTraefik {
  report: LintReport & { traefik: LintTraefikInstance[] };
  /** The text format's section after the findings. */
  text: string;
  /** For the other formats, whose standard output a program reads: reads that failed, for stderr. */
  notes: string[];
}

/**
 * `--traefik-api URL` (repeatable) and `--traefik-timeout SECONDS`, checked before any input is
 * read. Lint holds no cluster identity, so only a URL it can reach itself is taken.
 */
export function lintTraefikOptions(
  urls: readonly string[] | undefined,
  timeout: string | undefined,
): LintTraefikOptions | undefined {
  if (timeout !== undefined && (urls === undefined || urls.length === 0)) {
    throw new UsageError('--traefik-timeout goes with --traefik-api URL.');
  }
  if (urls === undefined || urls.length === 0) return undefined;
  const seconds = timeout === undefined ? DEFAULT_READ.timeoutMs / 1000 : Number(timeout);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 300) {
    throw new UsageError(
      `--traefik-timeout must be a number of seconds between 0 and 300, not "${timeout}".`,
    );
  }
  const configs: TraefikApiConfig[] = [];
  for (const text of urls) {
    let config: TraefikApiConfig;
    try {
      config = parseTraefikApi(text);
    } catch (error) {
      if (error instanceof TraefikConfigError) throw new UsageError(error.message);
      throw error;
    }
    if (config.via !== 'direct' || config.context !== undefined) {
      throw new UsageError(
        `--traefik-api "${text}": lint reads no cluster, so it takes only the URL of Traefik's API, such as http://127.0.0.1:9000 (kubectl port-forward -n traefik svc/traefik 9000:9000 makes one).`,
      );
    }
    if (!configs.some((c) => c.instance.id === config.instance.id)) configs.push(config);
  }
  return { configs, timeoutMs: seconds * 1000 };
}

const key = (source: string, index: number) => `${source}\u0000${index}`;

/** The input's ServersTransportTCPs and IngressRouteTCPs, by document, with their parsed values. */
function objectsOf(
  report: LintReport,
  inputs: readonly LintInput[],
  options: LintOptions,
): { objects: LintObject[]; parsed: Map<string, ParsedDocument> } {
  const parsed = new Map<string, ParsedDocument>();
  for (const input of inputs) {
    const docs = parseYaml(input.text, {
      source: input.source,
      ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
    });
    for (const doc of docs) parsed.set(key(input.source, doc.index), doc);
  }
  const objects: LintObject[] = [];
  for (const doc of report.documents) {
    if (doc.kind !== 'ServersTransportTCP' && doc.kind !== 'IngressRouteTCP') continue;
    if (doc.skipped !== undefined || !doc.name) continue;
    const value = parsed.get(key(doc.source, doc.index));
    if (!value || value.fatal) continue;
    objects.push({
      source: doc.source,
      index: doc.index,
      kind: doc.kind,
      namespace: doc.namespace ?? options.defaultNamespace ?? 'default',
      name: doc.name,
      value: value.value,
      diagnostics: doc.diagnostics,
    });
  }
  return { objects, parsed };
}

const VERDICT: Readonly<Record<TraefikVerdict, string>> = {
  loaded: 'loaded',
  'in-error': 'in error',
  'not-used': 'not loaded by Traefik',
};

function objectLine(view: LintTraefikObject): string {
  // A service is named as its router; it is worth a word only when it is in error itself.
  const states = [
    ...view.routers.map((r) => ({ what: 'router', ...r })),
    ...view.services
      .filter((s) => s.status !== 'enabled' || s.errors.length > 0)
      .map((s) => ({ what: 'service', ...s })),
  ].map((s) => `${s.what} ${s.name} ${s.status}${s.errors.length > 0 ? ` (${s.errors.join('; ')})` : ''}`);
  const routers = view.routers.length;
  const count = view.verdict === 'not-used' ? '' : `, ${routers} router${routers === 1 ? '' : 's'}`;
  return (
    `  ${view.kind} ${view.namespace}/${view.name}: ${VERDICT[view.verdict]}${count}` +
    `${states.length > 0 ? `: ${states.join(', ')}` : ''}` +
    `${view.disagreement ? `. ${view.disagreement}` : ''}`
  );
}

function instanceText(instance: LintTraefikInstance): string {
  const where = `Traefik${instance.version ? ` ${instance.version}` : ''} at ${instance.instance.target}`;
  if (instance.state !== 'ok') {
    return `${where}: not read: ${instance.error ?? 'unknown error'}. The findings above are lint's alone.\n`;
  }
  const lines = [
    `${where}, read ${instance.readAt}:`,
    ...(instance.objects.length === 0 ? ['  no ServersTransportTCP or IngressRouteTCP in the input'] : []),
    ...instance.objects.map(objectLine),
  ];
  if (instance.truncated) {
    lines.push(
      '  Traefik listed more routers or services than lint reads; an object shown as not loaded may be among those left out.',
    );
  }
  return lines.join('\n') + '\n';
}

function summaryOf(documents: LintReport['documents']): LintReport['summary'] {
  let errors = 0;
  let warnings = 0;
  for (const doc of documents) {
    for (const d of doc.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
  }
  const skipped = documents.filter((d) => d.skipped !== undefined).length;
  return { documents: documents.length, errors, warnings, skipped };
}

/**
 * Reads each Traefik API and adds its view of the input's objects: Traefik's errors become
 * findings of their documents (a router or service Traefik disabled is an error, so lint exits 1),
 * as do the places where Traefik's verdict and lint's prediction differ. A Traefik that cannot be
 * read leaves lint's findings as they are and says why.
 */
export async function addTraefikView(
  report: LintReport,
  inputs: readonly LintInput[],
  options: LintOptions,
  traefik: LintTraefikOptions,
): Promise<LintWithTraefik> {
  const { objects, parsed } = objectsOf(report, inputs, options);
  const read = { ...DEFAULT_READ, timeoutMs: traefik.timeoutMs };
  const datas = await Promise.all(traefik.configs.map((c) => readInstanceWithin(c, undefined, read)));
  const added = new Map<string, Diagnostic[]>();
  const instances: LintTraefikInstance[] = datas.map((data) => {
    const views = lintObjectViews(data, objects);
    for (const { object, diagnostics } of views) {
      const doc = parsed.get(key(object.source, object.index));
      const placed = diagnostics.map((d) => {
        const at = doc?.locate(d.path, 'key');
        return at ? { ...d, line: at.line, column: at.column } : d;
      });
      const k = key(object.source, object.index);
      added.set(k, [...(added.get(k) ?? []), ...placed]);
    }
    return { ...data.reading, objects: views.map((v) => v.view) };
  });
  const documents = report.documents.map((doc) => {
    const more = added.get(key(doc.source, doc.index));
    if (!more || more.length === 0) return doc;
    const diagnostics = [...doc.diagnostics, ...more].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return { ...doc, diagnostics };
  });
  return {
    report: { documents, summary: summaryOf(documents), traefik: instances },
    text: instances.map(instanceText).join(''),
    notes: instances
      .filter((i) => i.state !== 'ok')
      .map(
        (i) =>
          `dialtone lint: Traefik at ${i.instance.target} not read: ${i.error ?? 'unknown error'}. The findings are lint's alone.\n`,
      ),
  };
}
