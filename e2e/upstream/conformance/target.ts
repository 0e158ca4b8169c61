/** The API server a conformance run talks to, known only once the test file has started it. */
export interface ConformanceTarget {
  /** Its current context is used: server, CA (or insecure-skip for http), bearer token. */
  kubeconfigPath: string;
  /** Path of the kubectl binary to drive; the same minor version as the server where possible. */
  kubectl: string;
  flavour: 'embedded' | 'kube-apiserver';
}
