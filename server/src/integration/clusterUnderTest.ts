import { KubeConfig } from '@kubernetes/client-node';
import { clusterRequest, type ClusterAnswer, type LocalCluster } from '../localcluster/index.js';

export type Role = 'admin' | 'editor' | 'viewer';

/** A Kubernetes object as a fixture: enough to find its collection and post it. */
export interface FixtureObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * The API server the server's integration suite runs against: the embedded cluster, or a real
 * kube-apiserver. Both hold the same identities (admin in system:masters, editor, viewer) with the
 * same rights, and have Traefik's CRDs installed.
 */
export interface ClusterUnderTest {
  /** Shown in the suite's name, so a failure says which server answered. */
  flavour: 'embedded' | 'kube-apiserver';
  url: string;
  /** The PEM of the CA that signed the server's certificate. */
  ca: string;
  kubeconfigPath: string;
  kubeconfigYaml: string;
  /** The kubeconfig context that acts as one identity. */
  contextFor(role: Role): string;
  tokens: Record<Role, string>;
  /** Creates fixture objects as the administrator, in order; a namespace that exists already is fine. */
  create(...objects: FixtureObject[]): Promise<void>;
}

/** The kubeconfig of a cluster under test, switched to one identity's context. */
export function kubeConfigAs(cluster: ClusterUnderTest, role: Role): KubeConfig {
  const config = new KubeConfig();
  config.loadFromString(cluster.kubeconfigYaml);
  config.setCurrentContext(cluster.contextFor(role));
  return config;
}

// The kinds fixtures use; the plural is what the REST path names.
const PLURALS: Record<string, string> = {
  Namespace: 'namespaces',
  Secret: 'secrets',
  ConfigMap: 'configmaps',
  Service: 'services',
  EndpointSlice: 'endpointslices',
  ServersTransportTCP: 'serverstransporttcps',
  IngressRouteTCP: 'ingressroutetcps',
};

function collectionPath(object: FixtureObject): string {
  const plural = PLURALS[object.kind];
  if (!plural) throw new Error(`no REST path known for kind ${object.kind}; add its plural to PLURALS`);
  const root = object.apiVersion === 'v1' ? '/api/v1' : `/apis/${object.apiVersion}`;
  if (object.kind === 'Namespace') return `${root}/${plural}`;
  return `${root}/namespaces/${object.metadata.namespace ?? 'default'}/${plural}`;
}

/** `create` for a cluster reached over HTTPS with the administrator's token, as kubectl create would. */
export function adminFixtures(url: string, ca: string, adminToken: string): ClusterUnderTest['create'] {
  return async (...objects) => {
    for (const object of objects) {
      const answer: ClusterAnswer = await clusterRequest(
        { url, ca, token: adminToken },
        collectionPath(object),
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(object),
        },
      );
      if (answer.status === 409 && object.kind === 'Namespace') continue;
      if (answer.status !== 201 && answer.status !== 200) {
        throw new Error(
          `creating ${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name} answered ${answer.status}: ${answer.text}`,
        );
      }
    }
  };
}

/** The embedded cluster as a cluster under test. */
export function embeddedClusterUnderTest(local: LocalCluster): ClusterUnderTest {
  return {
    flavour: 'embedded',
    url: local.url,
    ca: local.ca,
    kubeconfigPath: local.kubeconfigPath,
    kubeconfigYaml: local.kubeconfigYaml,
    contextFor: (role) => `dialtone-local-${role}`,
    tokens: local.tokens,
    create: adminFixtures(local.url, local.ca, local.tokens.admin),
  };
}
