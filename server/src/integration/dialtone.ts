import { KubeClient } from '../clusters/index.js';
import { CLUSTER_NAME, serveApi, type ServeApiOptions, type ServedApi } from '../api/testing.js';
import { kubeConfigAs, type ClusterUnderTest } from './clusterUnderTest.js';

/** Dialtone serving its API for a cluster under test, with the administrator's client beside it. */
export interface DialtoneOnCluster extends ServedApi {
  /** The name of the cluster in API paths. */
  cluster: string;
  /** Talks to the cluster as its administrator, the way kubectl would. */
  kube: KubeClient;
}

/** Starts Dialtone with the administrator's context, as `dialtone serve --kubeconfig` would. */
export async function startDialtoneOn(
  cluster: ClusterUnderTest,
  options: ServeApiOptions = {},
): Promise<DialtoneOnCluster> {
  const served = await serveApi(kubeConfigAs(cluster, 'admin'), options);
  return { ...served, cluster: CLUSTER_NAME, kube: new KubeClient(kubeConfigAs(cluster, 'admin')) };
}
