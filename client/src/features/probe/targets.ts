import type { ProbeTarget, TransportUsage } from '@dialtone/shared';

const PORT = String.raw`(\d{1,5}|[a-z]([-a-z0-9]*[a-z0-9])?)`;
const NAME = String.raw`[a-z0-9]([-a-z0-9.]*[a-z0-9])?`;
const SERVICE = new RegExp(String.raw`^(?:svc/)?(${NAME})/(${NAME}):${PORT}$`);
const ADDRESS = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

export type TypedTarget = { target: ProbeTarget } | { error: string };

/**
 * A typed target in any form the page or `dialtone probe` shows: `namespace/service:port`,
 * `svc/namespace/service:port` (a port number or name), or `host:port`.
 */
export function parseTypedTarget(text: string, tls: boolean): TypedTarget | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const service = SERVICE.exec(trimmed);
  if (service) {
    const [, namespace = '', , name = '', , port = ''] = service;
    return {
      target: { service: { namespace, name, port: /^\d+$/.test(port) ? Number(port) : port }, tls },
    };
  }
  const address = ADDRESS.exec(trimmed);
  if (address && Number(address[2]) <= 65_535) return { target: { address: trimmed, tls } };
  return {
    error: `"${trimmed}" is not a target: write namespace/service:port (as demo/tls-backend:443), svc/namespace/service:port, or host:port.`,
  };
}

/** The backends of the routes using the transport, one each, as the probe takes them. */
export function backendsOf(usage: readonly TransportUsage[]): { label: string; target: ProbeTarget }[] {
  const seen = new Set<string>();
  return usage.flatMap((u) => {
    const label = `${u.service.namespace}/${u.service.name}:${String(u.service.port)}`;
    if (seen.has(`${label}/${String(u.tls)}`)) return [];
    seen.add(`${label}/${String(u.tls)}`);
    return [
      {
        label,
        target: {
          service: { namespace: u.service.namespace, name: u.service.name, port: u.service.port },
          tls: u.tls,
          ...(u.nativeLB !== undefined ? { nativeLB: u.nativeLB } : {}),
        },
      },
    ];
  });
}

/** Distinct routes (namespace/name) that use the transport. */
export function routesOf(usage: readonly TransportUsage[]): string[] {
  return [...new Set(usage.map((u) => `${u.route.namespace}/${u.route.name}`))];
}
