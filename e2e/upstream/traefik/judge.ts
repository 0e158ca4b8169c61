import * as k8s from '@kubernetes/client-node';
import { lintDocuments, type Diagnostic, type ProbeResponse, type TransportDetail } from '@dialtone/shared';
import { stringify } from 'yaml';
import { startBackend, type Backend } from './backends.js';
import {
  ISOLATED_NS,
  namespaceOf,
  NS,
  OTHER_NS,
  type JudgeCase,
  type KubeObject,
  type Pki,
} from './corpus.js';
import { startDialtone, type DialtoneServer } from './dialtone.js';
import {
  backendServiceObjects,
  commonObjects,
  routeObject,
  transportObject,
  type BackendReach,
} from './objects.js';
import { nonceRoundTrip } from './traffic.js';
import {
  startTraefik,
  type RunningTraefik,
  type TcpRouterInfo,
  type TcpServiceInfo,
} from './traefikProcess.js';

export interface JudgeTarget {
  kubeconfigPath: string;
  endpoint: string;
  adminToken: string;
  caPem: string;
  reach: BackendReach;
  /** Options for the Dialtone server that mirror the backend Traefik's provider options. */
  dialtoneBackendArgs: string[];
  /** Logs of Traefik and Dialtone, kept for the reader of a failed run. */
  logDir: string;
}

export interface TraefikVerdict {
  /** Whether a nonce sent through Traefik came back (backend cases). */
  traffic?: 'pass' | 'fail';
  router: 'enabled' | 'disabled' | 'warning' | 'absent';
  service?: 'enabled' | 'disabled' | 'warning' | 'absent';
  errors: string[];
  proxyHeader?: number;
}

export interface DialtoneVerdict {
  probe?: string;
  /** `dialtone lint` over the case's documents. */
  lint: Severity;
  lintCodes: string[];
  /** The diagnostics of the transport's detail in the dashboard. */
  dashboard?: Severity;
}

type Severity = 'error' | 'warning' | 'clean';

export interface JudgeRow {
  case: JudgeCase;
  refusedByApiServer?: string;
  traefik: TraefikVerdict;
  dialtone: DialtoneVerdict;
  disagreements: string[];
}

/** Runs the whole corpus against one API server and returns one row per case. */
export async function runJudge(
  target: JudgeTarget,
  pki: Pki,
  cases: JudgeCase[],
): Promise<{ rows: JudgeRow[]; traefikVersion: string }> {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(target.kubeconfigPath);
  const objectsApi = k8s.KubernetesObjectApi.makeApiClient(kc);

  const backends = new Map<string, Backend>();
  const closedPorts = new Map<string, number>();
  const cleanup: (() => Promise<void>)[] = [];
  try {
    for (const c of cases) {
      if (c.backend === 'closed-port') {
        const b = await startBackend({ kind: 'tcp' });
        await b.close();
        closedPorts.set(c.id, b.port);
      } else if (c.backend) {
        const b = await startBackend(c.backend);
        backends.set(c.id, b);
        cleanup.push(() => b.close());
      }
    }
    const portOf = (c: JudgeCase) => backends.get(c.id)?.port ?? closedPorts.get(c.id);
    const entryPoint = new Map(cases.map((c, i) => [c.id, `case${i}`]));
    const documents = new Map<string, KubeObject[]>();
    for (const c of cases) {
      const port = portOf(c);
      documents.set(c.id, [
        ...(c.objects ?? []),
        ...[transportObject(c)].filter((o): o is KubeObject => o !== undefined),
        ...(c.group === 'backend' && port !== undefined ? backendServiceObjects(c, port, target.reach) : []),
        routeObject(c, entryPoint.get(c.id) ?? '', port, target.reach),
      ]);
    }

    const refused = new Map<string, string>();
    const common = commonObjects(pki);
    for (const object of common) await apply(objectsApi, object);
    const routingContext = common.filter((o) => o.kind !== 'Namespace' && o.kind !== 'Secret');
    for (const c of cases) {
      for (const object of documents.get(c.id) ?? []) {
        const error = await apply(objectsApi, object);
        if (error && (object.kind === 'ServersTransportTCP' || object.kind === 'IngressRouteTCP'))
          refused.set(c.id, error);
      }
    }

    const backendCases = cases.filter((c) => c.group === 'backend');
    const routingCases = cases.filter((c) => c.group === 'routing');
    const shared = [NS, OTHER_NS];
    const traefikFor = async (
      group: JudgeCase[],
      namespaces: string[],
      allowExternalNameServices: boolean,
    ) => {
      const t = await startTraefik({
        endpoint: target.endpoint,
        token: target.adminToken,
        caPem: target.caPem,
        entryPoints: group.map((c) => entryPoint.get(c.id) ?? ''),
        namespaces,
        allowExternalNameServices,
        logDir: target.logDir,
      });
      cleanup.push(() => t.close());
      await settle(t, group.filter((c) => !refused.has(c.id)).length);
      return t;
    };
    const externalNames = target.reach === 'externalName';
    const isolatedCases = backendCases.filter((c) => c.isolated);
    const traefikOf = new Map<string, RunningTraefik>();
    const assign = (group: JudgeCase[], t: RunningTraefik) => group.forEach((c) => traefikOf.set(c.id, t));
    assign(
      backendCases.filter((c) => !c.isolated),
      await traefikFor(
        backendCases.filter((c) => !c.isolated),
        shared,
        externalNames,
      ),
    );
    assign(isolatedCases, await traefikFor(isolatedCases, [ISOLATED_NS], externalNames));
    assign(routingCases, await traefikFor(routingCases, shared, false));

    const traffic = new Map<string, 'pass' | 'fail'>();
    await inBatches(backendCases, 8, async (c) => {
      const traefik = traefikOf.get(c.id);
      if (!traefik) return;
      const { echoed } = await nonceRoundTrip(traefik.entryPointAddress(entryPoint.get(c.id) ?? ''));
      const handshakes = backends.get(c.id)?.record.handshakes ?? 0;
      traffic.set(c.id, echoed || (c.successIsHandshake === true && handshakes > 0) ? 'pass' : 'fail');
    });

    const statusOf = new Map<RunningTraefik, { routers: TcpRouterInfo[]; services: TcpServiceInfo[] }>();
    for (const t of new Set(traefikOf.values())) {
      statusOf.set(t, { routers: await t.routers(), services: await t.services() });
    }

    const dialtoneBackend = await startDialtone(target.kubeconfigPath, target.logDir, [
      '--probe-allow',
      '127.0.0.1/32',
      '--probe-allow',
      '::1/128',
      ...target.dialtoneBackendArgs,
    ]);
    cleanup.push(() => dialtoneBackend.close());
    const probes = new Map<string, ProbeResponse | Error>();
    const details = new Map<string, TransportDetail | Error>();
    // One probe at a time: the server allows a user two at once, and a user would press one button.
    await inBatches(backendCases, 1, async (c) => {
      if (refused.has(c.id) || c.transport === false) return;
      probes.set(c.id, await probeUsage(dialtoneBackend, c).catch((e: unknown) => e as Error));
      details.set(
        c.id,
        await dialtoneBackend
          .get<TransportDetail>(`/namespaces/${namespaceOf(c)}/transports/${c.id}`)
          .catch((e: unknown) => e as Error),
      );
    });

    const rows = cases.map((c): JudgeRow => {
      const seen = statusOf.get(traefikOf.get(c.id) as RunningTraefik) ?? { routers: [], services: [] };
      const traefik = traefikVerdict(seen.routers, seen.services, entryPoint.get(c.id) ?? '');
      if (c.group === 'backend') {
        traefik.traffic = traffic.get(c.id) ?? 'fail';
        const header = backends.get(c.id)?.record.proxyHeader;
        if (header) traefik.proxyHeader = header.version;
      }
      // What a GitOps repository would hold: the case's objects, and for routes the Services and
      // transports they name; lint gets the options the judging Traefik runs with.
      const linted = [...(documents.get(c.id) ?? []), ...(c.group === 'routing' ? routingContext : [])];
      const lint = lintDocuments(
        [{ source: `${c.id}.yaml`, text: linted.map((o) => stringify(o)).join('---\n') }],
        { provider: { allowExternalNameServices: c.group === 'backend' && externalNames } },
      );
      const lintDiagnostics = lint.documents.flatMap((d) => d.diagnostics);
      const dialtone: DialtoneVerdict = {
        lint: severity(lintDiagnostics),
        lintCodes: codes(lintDiagnostics),
      };
      const detail = details.get(c.id);
      if (detail && !(detail instanceof Error)) dialtone.dashboard = severity(detail.diagnostics);
      const probe = probes.get(c.id);
      if (probe instanceof Error) dialtone.probe = `error: ${probe.message}`;
      else if (probe) {
        const verdicts = probe.results.map((r) => r.verdict);
        dialtone.probe =
          verdicts.length === 0
            ? 'no targets'
            : verdicts.every((v) => v === 'pass')
              ? 'pass'
              : (verdicts.find((v) => v !== 'pass') ?? 'fail');
      }
      const row: JudgeRow = { case: c, traefik, dialtone, disagreements: [] };
      const refusal = refused.get(c.id);
      if (refusal) row.refusedByApiServer = refusal;
      row.disagreements = disagreements(row);
      return row;
    });
    const anyTraefik = [...traefikOf.values()][0];
    return { rows, traefikVersion: anyTraefik ? (await anyTraefik.version()).Version : 'none' };
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  }
}

async function apply(api: k8s.KubernetesObjectApi, object: KubeObject): Promise<string | undefined> {
  try {
    await api.create(object as k8s.KubernetesObject);
    return undefined;
  } catch (error) {
    const e = error as { code?: number; body?: unknown; message?: string };
    if (e.code === 409) return undefined;
    const body = typeof e.body === 'string' ? e.body : JSON.stringify(e.body ?? e.message);
    return `${e.code ?? ''} ${body}`.slice(0, 300);
  }
}

/** Waits until Traefik's API lists the expected number of routers and stops changing. */
async function settle(traefik: RunningTraefik, expected: number): Promise<void> {
  let last = '';
  let stableSince = Date.now();
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    const routers = await traefik.routers().catch(() => [] as TcpRouterInfo[]);
    const services = await traefik.services().catch(() => [] as TcpServiceInfo[]);
    const snapshot = JSON.stringify([
      routers.map((r) => [r.name, r.status, r.error]),
      services.map((s) => [s.name, s.status]),
    ]);
    if (snapshot !== last) {
      last = snapshot;
      stableSince = Date.now();
    } else if (Date.now() - stableSince > (routers.length > 0 ? 3000 : 8000)) {
      return;
    }
    if (routers.length >= expected && Date.now() - stableSince > 1500) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

function traefikVerdict(
  routers: TcpRouterInfo[],
  services: TcpServiceInfo[],
  entryPoint: string,
): TraefikVerdict {
  const router = routers.find((r) => r.entryPoints?.includes(entryPoint));
  if (!router) return { router: 'absent', errors: [] };
  const serviceName = router.service?.includes('@') ? router.service : `${router.service}@kubernetescrd`;
  const service = services.find((s) => s.name === serviceName);
  return {
    router: router.status,
    service: service ? service.status : 'absent',
    errors: [...(router.error ?? []), ...(service?.error ?? [])],
  };
}

function severity(diagnostics: readonly Diagnostic[]): Severity {
  const relevant = diagnostics.filter((d) => d.source !== 'yaml' || d.severity === 'error');
  if (relevant.some((d) => d.severity === 'error')) return 'error';
  if (relevant.some((d) => d.severity === 'warning')) return 'warning';
  return 'clean';
}

function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.severity}:${d.code}`);
}

/** Traefik's verdict: the route is not served as written (absent, disabled, or carrying errors). */
function traefikInError(verdict: TraefikVerdict): boolean {
  return (
    verdict.router === 'absent' ||
    verdict.router === 'disabled' ||
    verdict.service === 'disabled' ||
    verdict.errors.length > 0
  );
}

function disagreements(row: JudgeRow): string[] {
  const out: string[] = [];
  const { traefik, dialtone } = row;
  if (row.refusedByApiServer) {
    if (dialtone.lint !== 'error') out.push('the API server refused an object that lint accepts');
    return out;
  }
  const broken = traefikInError(traefik);
  const cannotKnow = row.case.lintCannotKnow;
  if (cannotKnow && broken && dialtone.lint !== 'error') {
    if (!dialtone.lintCodes.some((c) => c.endsWith(`:${cannotKnow.note}`))) {
      out.push(`lint neither errs nor notes ${cannotKnow.note}, although ${cannotKnow.reason}`);
    }
    return out;
  }
  if (row.case.failsEveryConnection && !broken) {
    if (traefik.traffic !== 'fail')
      out.push(`Traefik passed traffic, but the case says ${row.case.failsEveryConnection}`);
    if (dialtone.lint === 'clean') out.push(`lint says nothing although ${row.case.failsEveryConnection}`);
    if (dialtone.dashboard === 'clean')
      out.push(`the dashboard says nothing although ${row.case.failsEveryConnection}`);
    if (dialtone.probe === 'pass') out.push('the probe says pass where every connection fails');
    return out;
  }
  if (broken && dialtone.lint !== 'error')
    out.push(
      `Traefik reports the route in error (${traefik.errors.join('; ') || traefik.router}) but lint finds no error`,
    );
  if (!broken && dialtone.lint === 'error')
    out.push(
      `lint reports an error (${dialtone.lintCodes.filter((c) => c.startsWith('error:')).join(', ')}) but Traefik serves the route`,
    );
  const header = row.case.expectProxyHeader;
  if (header && traefik.traffic === 'pass' && traefik.proxyHeader !== header) {
    out.push(`the backend read no PROXY protocol v${header} header from Traefik`);
  }
  if (row.case.group === 'backend') {
    if (dialtone.dashboard !== undefined && (dialtone.dashboard === 'error') !== broken) {
      out.push(
        `the dashboard's diagnostics say ${dialtone.dashboard} while Traefik ${broken ? 'is in error' : 'serves the route'}`,
      );
    }
    const traefikPass = traefik.traffic === 'pass';
    if (row.case.probeCannotReproduce) {
      if (dialtone.probe === 'pass')
        out.push(`the probe says pass where it cannot reproduce Traefik: ${row.case.probeCannotReproduce}`);
    } else if (traefikPass !== (dialtone.probe === 'pass')) {
      out.push(
        `Traefik ${traefikPass ? 'passed' : 'failed'} traffic, the probe says ${dialtone.probe ?? 'nothing'}`,
      );
    }
  }
  return out;
}

async function probeUsage(dialtone: DialtoneServer, c: JudgeCase): Promise<ProbeResponse> {
  return dialtone.probe({ transport: { namespace: namespaceOf(c), name: c.id }, targets: 'usage' });
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

/** The agreement table, one line per case, for the test output and the README. */
export function formatTable(rows: JudgeRow[]): string {
  const header = '| case | API server | Traefik traffic | Traefik API | probe | lint | dashboard | agree |';
  const lines = rows.map((r) => {
    const api =
      r.traefik.router === 'absent'
        ? 'no router'
        : `${r.traefik.router}${r.traefik.errors.length ? ` (${shorten(r.traefik.errors[0] ?? '', 90)})` : ''}`;
    return `| ${r.case.id} | ${r.refusedByApiServer ? 'refused' : 'accepted'} | ${r.traefik.traffic ?? '—'} | ${api} | ${r.dialtone.probe ?? '—'} | ${r.dialtone.lint} | ${r.dialtone.dashboard ?? '—'} | ${r.disagreements.length === 0 ? 'yes' : 'NO: ' + r.disagreements.join('; ')} |`;
  });
  return [header, '| --- | --- | --- | --- | --- | --- | --- | --- |', ...lines].join('\n');
}

/** Cuts a message for a table cell at a word, saying that it did. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}
