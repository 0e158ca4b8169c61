import type { TraefikOverviewResponse } from '@dialtone/shared';
import type { KubeClient } from '../clusters/index.js';
import type { TraefikApiConfig } from './instances.js';

export const TRAEFIK_LABEL = 'app.kubernetes.io/name=traefik';
const API_PORT_NAME = 'traefik';

/**
 * Services that look like Traefik's API (the Helm chart's label and its `traefik` port), as
 * `--traefik-api` values. They are only shown: a Service that merely carries the label is not
 * trusted to be the Traefik that routes this cluster until someone configures it.
 */
export async function suggestInstances(
  client: KubeClient,
  configured: readonly TraefikApiConfig[],
): Promise<Pick<TraefikOverviewResponse, 'suggestions' | 'suggestionsError'>> {
  try {
    const services = await client.listServicesWithLabel(TRAEFIK_LABEL);
    const known = new Set(configured.map((c) => c.instance.target));
    const suggestions = services
      .filter((s) => s.ports.some((p) => p.name === API_PORT_NAME))
      .map((s) => `service:${s.namespace}/${s.name}:${API_PORT_NAME}`)
      .filter((target) => !known.has(target))
      .slice(0, 20);
    return { suggestions };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      suggestions: [],
      suggestionsError: `Services labelled ${TRAEFIK_LABEL} could not be listed with your identity: ${message.slice(0, 200)}`,
    };
  }
}
