import {
  effectiveValues,
  referencesOf,
  traefikTransportId,
  validate,
  type Diagnostic,
  type ResourceSchema,
  type ServersTransportTCP,
  type Severity,
  type TransportBadge,
  type TransportSummary,
} from '@dialtone/shared';

export function badgesOf(transport: ServersTransportTCP): TransportBadge[] {
  const spec = transport.spec ?? {};
  const tls = spec.tls;
  const effective = effectiveValues(spec);
  const badges: TransportBadge[] = [];
  if (effective.tlsMode !== 'none') badges.push('tls');
  if ((tls?.certificatesSecrets?.length ?? 0) > 0) badges.push('mtls');
  if (tls?.spiffe) badges.push('spiffe');
  if (tls?.insecureSkipVerify) badges.push('insecure');
  if (spec.proxyProtocol) badges.push('proxy-protocol');
  if ((tls?.rootCAsSecrets?.length ?? 0) > 0 || tls?.peerCertURI) badges.push('deprecated-fields');
  return badges;
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity] += 1;
  return counts;
}

/**
 * Diagnostics per object version, so a list of thousands validates each object once, not on every
 * request. Keyed by uid and resourceVersion, which change with every write.
 */
export class DiagnosticsMemo {
  private readonly memo = new Map<string, { schema: ResourceSchema; diagnostics: Diagnostic[] }>();

  diagnostics(transport: ServersTransportTCP, schema: ResourceSchema): Diagnostic[] {
    const key = `${transport.metadata.uid ?? ''}/${transport.metadata.resourceVersion ?? ''}`;
    const hit = this.memo.get(key);
    if (hit && hit.schema === schema) return hit.diagnostics;
    const diagnostics = validate(transport, { schemas: { serversTransportTCP: schema } });
    this.memo.set(key, { schema, diagnostics });
    return diagnostics;
  }

  forget(transport: ServersTransportTCP): void {
    this.memo.delete(`${transport.metadata.uid ?? ''}/${transport.metadata.resourceVersion ?? ''}`);
  }
}

export function summarize(
  transport: ServersTransportTCP,
  diagnostics: readonly Diagnostic[],
  routeCount: number,
): TransportSummary {
  const namespace = transport.metadata.namespace ?? '';
  const name = transport.metadata.name ?? '';
  return {
    namespace,
    name,
    traefikId: traefikTransportId(namespace, name),
    effective: effectiveValues(transport.spec),
    badges: badgesOf(transport),
    routeCount,
    diagnostics: countBySeverity(diagnostics),
    references: referencesOf(transport.spec),
    resourceVersion: transport.metadata.resourceVersion ?? '',
    ...(transport.metadata.creationTimestamp
      ? { creationTimestamp: transport.metadata.creationTimestamp }
      : {}),
  };
}
