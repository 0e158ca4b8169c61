import {
  referencesOf,
  type ReferenceState,
  type ServersTransportTCP,
  type WantedReference,
} from '@dialtone/shared';
import { ClusterUnreachableError, KubeApiError, type KubeClient } from '../clusters/index.js';
import { summarizeCertificates } from './certificates.js';

type Wanted = WantedReference;

// Traefik's Secret informer filters with owner!=helm: such a Secret exists for kubectl but not for Traefik.
function invisibleToTraefik(labels: Record<string, string>): boolean {
  return labels['owner'] === 'helm';
}

function decode(base64: string): string {
  return Buffer.from(base64, 'base64').toString('utf8');
}

/** The key Traefik's loadCASecret reads: tls.ca, else ca.crt, else the only key there is. */
function caSecretKey(data: Record<string, string>): string | undefined {
  if (data['tls.ca']) return 'tls.ca';
  if (data['ca.crt']) return 'ca.crt';
  const keys = Object.keys(data);
  return keys.length === 1 ? keys[0] : undefined;
}

function caState(
  base: Wanted,
  key: string | undefined,
  pem: string | undefined,
  keys: string[],
): ReferenceState {
  if (!key || pem === undefined) {
    return {
      ...base,
      state: 'no-usable-key',
      message: `Traefik reads tls.ca, then ca.crt${base.kind === 'Secret' ? ', then the only key' : ''}; this ${base.kind} has ${keys.length === 0 ? 'no keys' : `the keys ${keys.join(', ')}`}.`,
    };
  }
  const certificates = summarizeCertificates(pem);
  if (!certificates) {
    return { ...base, state: 'no-usable-key', key, message: `The value of ${key} holds no PEM certificate.` };
  }
  return { ...base, state: 'ok', key, certificates };
}

async function readState(client: KubeClient, namespace: string, wanted: Wanted): Promise<ReferenceState> {
  const base = { kind: wanted.kind, name: wanted.name, usedBy: wanted.usedBy, path: wanted.path };
  try {
    if (wanted.kind === 'ConfigMap') {
      const map = await client.readConfigMap(namespace, wanted.name);
      if (invisibleToTraefik(map.labels)) return invisible(base);
      const key = map.data['tls.ca'] ? 'tls.ca' : map.data['ca.crt'] ? 'ca.crt' : undefined;
      return caState(base, key, key ? map.data[key] : undefined, Object.keys(map.data));
    }
    const secret = await client.readSecret(namespace, wanted.name);
    if (invisibleToTraefik(secret.labels)) return invisible(base);
    const keys = Object.keys(secret.data);
    if (wanted.usedBy === 'certificatesSecrets') {
      if (!secret.data['tls.crt'] || !secret.data['tls.key']) {
        return {
          ...base,
          state: 'no-usable-key',
          message: `Traefik needs non-empty tls.crt and tls.key; this Secret has ${keys.length === 0 ? 'no keys' : `the keys ${keys.join(', ')}`}.`,
        };
      }
      const certificates = summarizeCertificates(decode(secret.data['tls.crt']));
      if (!certificates) {
        return {
          ...base,
          state: 'no-usable-key',
          key: 'tls.crt',
          message: 'tls.crt holds no PEM certificate.',
        };
      }
      return { ...base, state: 'ok', key: 'tls.crt', certificates };
    }
    const key = caSecretKey(secret.data);
    return caState(base, key, key ? decode(secret.data[key] ?? '') : undefined, keys);
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 404) {
      return {
        ...base,
        state: 'missing',
        message: `There is no ${wanted.kind} ${wanted.name} in ${namespace}; Traefik logs an error and loads the transport without it.`,
      };
    }
    if (error instanceof KubeApiError && error.status === 403) {
      return {
        ...base,
        state: 'forbidden',
        message: `You may not read this ${wanted.kind}, so its state is unknown.`,
      };
    }
    if (error instanceof ClusterUnreachableError) throw error;
    throw error;
  }
}

function invisible(base: Omit<ReferenceState, 'state'>): ReferenceState {
  return {
    ...base,
    state: 'invisible-to-traefik',
    message: 'It is labelled owner=helm, and Traefik ignores such objects: for Traefik it does not exist.',
  };
}

/** The state of every referenced Secret and ConfigMap, read with the user's own identity. */
export function referenceStates(
  client: KubeClient,
  transport: ServersTransportTCP,
): Promise<ReferenceState[]> {
  const namespace = transport.metadata.namespace ?? 'default';
  return Promise.all(referencesOf(transport.spec).map((wanted) => readState(client, namespace, wanted)));
}
