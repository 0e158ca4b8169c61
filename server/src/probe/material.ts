import { createHash } from 'node:crypto';
import type { ServersTransportTCPTLS } from '@dialtone/shared';

/** A Secret or ConfigMap as the probe needs it: data values already decoded to text. */
export type MaterialLookup =
  | { found: true; data: Record<string, string>; labels: Record<string, string> }
  | { found: false; reason: 'not-found' | 'forbidden'; message?: string };

/**
 * Where TLS material comes from. Implementations read with the requesting user's identity, so the
 * probe never presents a client certificate the user could not read themselves.
 */
export interface MaterialSource {
  getSecret(namespace: string, name: string): Promise<MaterialLookup>;
  getConfigMap(namespace: string, name: string): Promise<MaterialLookup>;
}

/** The user may not read an object the transport references; the route answers 403. */
export class MaterialForbiddenError extends Error {
  override readonly name = 'MaterialForbiddenError';
  constructor(
    readonly kind: 'Secret' | 'ConfigMap',
    readonly namespace: string,
    readonly objectName: string,
  ) {
    super(
      `You may not read ${kind} ${namespace}/${objectName}, which this transport references. The probe reads TLS material with your own permissions; ask for "get" on it, or probe without it.`,
    );
  }
}

export interface LoadedCA {
  /** Where it came from, as Traefik names it: `secret "x"` or `configMap "y"`. */
  from: string;
  pem: string;
}

export interface LoadedKeyPair {
  from: string;
  certPem: string;
  keyPem: string;
}

/** An item Traefik would skip, with the line Traefik logs for it. */
export interface SkippedMaterial {
  item: string;
  log: string;
}

export interface LoadedMaterial {
  cas: LoadedCA[];
  certificates: LoadedKeyPair[];
  skipped: SkippedMaterial[];
  /** Warnings Traefik logs without skipping anything (deprecations). */
  warnings: string[];
  /**
   * A digest of every loaded value. Keyed on content rather than resourceVersion: it changes exactly
   * when the data does, and cannot collide between clusters or namespaces that share names.
   */
  cacheKey: string;
}

// Traefik's informer selects Secrets with `owner!=helm`; anything else is invisible to it.
function visibleToTraefik(lookup: MaterialLookup): boolean {
  return !(lookup.found && lookup.labels['owner'] === 'helm');
}

type Fetched = { ok: true; data: Record<string, string> } | { ok: false; error: string };

async function fetchSecret(source: MaterialSource, namespace: string, name: string): Promise<Fetched> {
  const lookup = await source.getSecret(namespace, name);
  if (!lookup.found && lookup.reason === 'forbidden')
    throw new MaterialForbiddenError('Secret', namespace, name);
  if (!lookup.found || !visibleToTraefik(lookup))
    return { ok: false, error: `secret '${namespace}/${name}' not found` };
  return { ok: true, data: lookup.data };
}

/** loadCASecret: `tls.ca`, then `ca.crt`, then the value of a Secret with exactly one key. */
async function loadCASecret(source: MaterialSource, namespace: string, name: string): Promise<Fetched> {
  const secret = await fetchSecret(source, namespace, name);
  if (!secret.ok) return secret;
  const keys = Object.keys(secret.data);
  const value =
    secret.data['tls.ca'] ?? secret.data['ca.crt'] ?? (keys.length === 1 ? secret.data[keys[0]!] : undefined);
  if (value === undefined) {
    return { ok: false, error: `secret ${namespace}/${name} contains neither tls.ca nor ca.crt` };
  }
  return { ok: true, data: { ca: value } };
}

/** loadCAConfigMap: `.data` only, `tls.ca` then `ca.crt`, no single-key fallback. */
async function loadCAConfigMap(source: MaterialSource, namespace: string, name: string): Promise<Fetched> {
  const lookup = await source.getConfigMap(namespace, name);
  if (!lookup.found && lookup.reason === 'forbidden')
    throw new MaterialForbiddenError('ConfigMap', namespace, name);
  if (!lookup.found) return { ok: false, error: `configmap '${namespace}/${name}' not found` };
  const value = lookup.data['tls.ca'] ?? lookup.data['ca.crt'];
  if (value === undefined) {
    return { ok: false, error: `config map ${namespace}/${name} contains neither tls.ca nor ca.crt` };
  }
  return { ok: true, data: { ca: value } };
}

/** loadAuthTLSSecret: non-empty `tls.crt` and `tls.key`. */
async function loadAuthTLSSecret(source: MaterialSource, namespace: string, name: string): Promise<Fetched> {
  const secret = await fetchSecret(source, namespace, name);
  if (!secret.ok) return secret;
  const missing = ['tls.crt', 'tls.key'].filter((key) => !secret.data[key]);
  if (missing.length > 0) {
    return {
      ok: false,
      error: `secret ${namespace}/${name} contains the following empty TLS data entries: ${missing.join(', ')}`,
    };
  }
  return secret;
}

/**
 * Reads the CAs and client certificates of a transport's `tls` section exactly as Traefik's
 * kubernetescrd provider does: the transport's own namespace, `rootCAsSecrets` before `rootCAs`,
 * Traefik's key order and fallbacks, and a skipped item (logged, never fatal) for each failure.
 */
export async function loadTlsMaterial(
  tls: ServersTransportTCPTLS | undefined,
  namespace: string,
  source: MaterialSource,
): Promise<LoadedMaterial> {
  const out: LoadedMaterial = { cas: [], certificates: [], skipped: [], warnings: [], cacheKey: '' };
  if (!tls) return out;
  const hash = createHash('sha256');
  const record = (fetched: Fetched & { ok: true }) => {
    for (const value of Object.values(fetched.data)) hash.update(value).update('\0');
  };

  const rootCAsSecrets = Array.isArray(tls.rootCAsSecrets) ? tls.rootCAsSecrets : [];
  if (rootCAsSecrets.length > 0) {
    out.warnings.push('RootCAsSecrets option is deprecated, please use the RootCA option instead.');
  }
  // Each entry either loads or is skipped outright; both kinds stay in Traefik's order.
  const fetches: (
    { item: string; from: string; load: () => Promise<Fetched>; failure: string } | SkippedMaterial
  )[] = [];
  rootCAsSecrets.forEach((name, index) => {
    fetches.push({
      item: `rootCAsSecrets[${index}] secret "${name}"`,
      from: `secret "${name}"`,
      load: () => loadCASecret(source, namespace, name),
      failure: 'Error while loading CA Secret',
    });
  });
  (Array.isArray(tls.rootCAs) ? tls.rootCAs : []).forEach((rootCA, index) => {
    const secret = typeof rootCA?.secret === 'string' ? rootCA.secret : undefined;
    const configMap = typeof rootCA?.configMap === 'string' ? rootCA.configMap : undefined;
    if (secret !== undefined && configMap !== undefined) {
      fetches.push({
        item: `rootCAs[${index}]`,
        log: 'Error while loading CA: both Secret and ConfigMap are defined',
      });
    } else if (secret !== undefined) {
      fetches.push({
        item: `rootCAs[${index}] secret "${secret}"`,
        from: `secret "${secret}"`,
        load: () => loadCASecret(source, namespace, secret),
        failure: 'Error while loading CA Secret',
      });
    } else if (configMap !== undefined) {
      fetches.push({
        item: `rootCAs[${index}] configMap "${configMap}"`,
        from: `configMap "${configMap}"`,
        load: () => loadCAConfigMap(source, namespace, configMap),
        failure: 'Error while loading CA ConfigMap',
      });
    } else {
      // Traefik dereferences the nil ConfigMap here and its provider panics; the build checks say so.
      fetches.push({
        item: `rootCAs[${index}]`,
        log: "names neither a secret nor a configMap: Traefik's kubernetescrd provider panics on it and stops publishing configuration",
      });
    }
  });
  // Reads run together; results are kept in Traefik's order.
  const caResults = await Promise.all(fetches.map((f) => ('load' in f ? f.load() : undefined)));
  caResults.forEach((result, index) => {
    const f = fetches[index]!;
    if (!('load' in f) || !result) {
      out.skipped.push({ item: f.item, log: 'log' in f ? f.log : '' });
      return;
    }
    if (!result.ok) {
      out.skipped.push({ item: f.item, log: `${f.failure}: ${result.error}` });
      return;
    }
    record(result);
    out.cas.push({ from: f.from, pem: result.data['ca']! });
  });

  const certNames = Array.isArray(tls.certificatesSecrets) ? tls.certificatesSecrets : [];
  const certResults = await Promise.all(certNames.map((name) => loadAuthTLSSecret(source, namespace, name)));
  certResults.forEach((result, index) => {
    const name = certNames[index]!;
    if (!result.ok) {
      out.skipped.push({
        item: `certificatesSecrets[${index}] secret "${name}"`,
        log: `Error while loading certificates: ${result.error}`,
      });
      return;
    }
    hash.update('cert\0');
    record(result);
    out.certificates.push({
      from: `secret "${name}"`,
      certPem: result.data['tls.crt']!,
      keyPem: result.data['tls.key']!,
    });
  });

  out.cacheKey = hash.digest('hex');
  return out;
}
