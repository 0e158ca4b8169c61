import type { exportYaml, parseYaml } from '@dialtone/shared';

export interface ExportChoice {
  dropNamespace: boolean;
  withRoutes: boolean;
}

interface Tools {
  parseYaml: typeof parseYaml;
  exportYaml: typeof exportYaml;
}

function identity(value: unknown): string {
  const v = value as { kind?: unknown; metadata?: { namespace?: unknown; name?: unknown } } | null;
  return `${String(v?.kind)}/${String(v?.metadata?.namespace)}/${String(v?.metadata?.name)}`;
}

/**
 * Joins the server's clean per-transport exports into one file: a route shared by two selected
 * transports appears once, and namespaces are dropped only on request.
 */
export function buildExport(files: readonly string[], choice: ExportChoice, tools: Tools): string {
  const seen = new Set<string>();
  const objects: unknown[] = [];
  for (const file of files) {
    for (const doc of tools.parseYaml(file)) {
      if (doc.fatal || doc.value === null || doc.value === undefined) continue;
      const key = identity(doc.value);
      if (seen.has(key)) continue;
      seen.add(key);
      objects.push(doc.value);
    }
  }
  // Transports first, then routes, so `kubectl apply` never sees a route before its transport.
  objects.sort(
    (a, b) =>
      Number(identity(a).startsWith('IngressRouteTCP')) - Number(identity(b).startsWith('IngressRouteTCP')),
  );
  return tools.exportYaml(objects, { dropNamespace: choice.dropNamespace });
}
