import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type UpstreamProgram = 'etcd' | 'kube-apiserver' | 'kubectl' | 'traefik';

export const UPSTREAM_VERSIONS = {
  traefik: 'v3.7.9',
  kubernetes: 'v1.37.2',
  etcd: 'v3.6.16',
} as const;

const binDir = fileURLToPath(new URL('../bin/', import.meta.url));

/** The path of a judge built by `npm run upstream:build`; a missing one is an error that says how to build it. */
export function upstreamBinary(program: UpstreamProgram): string {
  const path = `${binDir}${program}`;
  if (!existsSync(path)) {
    throw new Error(
      `${program} has not been built: run \`npm run upstream:build\` (needs Go 1.26) before \`npm run test:upstream\`.`,
    );
  }
  return path;
}
