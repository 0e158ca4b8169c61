/**
 * Traefik's provider.Normalize: every run of characters that are neither letters nor digits becomes
 * one "-", and leading or trailing runs disappear (strings.FieldsFunc + Join).
 */
export function normalizeTraefikName(name: string): string {
  return name
    .split(/[^\p{L}\p{N}]+/u)
    .filter((part) => part !== '')
    .join('-');
}

export const KUBERNETES_CRD_PROVIDER = 'kubernetescrd';

/** The name Traefik registers a ServersTransportTCP under, e.g. `default-my-transport@kubernetescrd`. */
export function traefikTransportId(namespace: string, name: string): string {
  return `${normalizeTraefikName(`${namespace}-${name}`)}@${KUBERNETES_CRD_PROVIDER}`;
}
