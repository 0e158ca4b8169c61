import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UPSTREAM_VERSIONS } from './binaries.js';

/** Traefik's released module in the Go module cache, which `npm run upstream:build` downloads. */
export function traefikModuleDir(): string {
  const cache =
    process.env.GOMODCACHE ?? execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
  const dir = join(cache, 'github.com', 'traefik', 'traefik', `v3@${UPSTREAM_VERSIONS.traefik}`);
  if (!existsSync(dir)) {
    throw new Error(
      `Traefik's module is not in the Go module cache (${dir}): run \`npm run upstream:build\`.`,
    );
  }
  return dir;
}

/** Every CRD Traefik's Kubernetes CRD provider watches, as released with Traefik itself. */
export function traefikCrdsYaml(): string {
  return readFileSync(
    join(
      traefikModuleDir(),
      'docs',
      'content',
      'reference',
      'dynamic-configuration',
      'kubernetes-crd-definition-v1.yml',
    ),
    'utf8',
  );
}
