import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ProviderSettings } from '@dialtone/shared';
import { parse } from 'yaml';
import { UsageError } from './io.js';

type ProviderOptions = Partial<ProviderSettings>;

const BOOLEANS = [
  'allowCrossNamespace',
  'allowExternalNameServices',
  'allowEmptyServices',
  'nativeLBByDefault',
  'disableClusterScopeResources',
] as const;

// The kubernetescrd options that do not change what lint reports, and the chart's `enabled`: read
// without complaint so a file can be the provider's section of Traefik's configuration or Helm values.
const OTHER_TRAEFIK_OPTIONS = new Set([
  'endpoint',
  'token',
  'certauthfilepath',
  'namespaces',
  'labelselector',
  'throttleduration',
  'enabled',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Traefik reads its configuration keys case-insensitively; so does this. */
function entry(record: Record<string, unknown>, key: string): [string, unknown] | undefined {
  return Object.entries(record).find(([k]) => k.toLowerCase() === key.toLowerCase());
}

/** The provider's section: `providers.kubernetesCRD` of Traefik's file or the chart's values, else the file itself. */
function providerSection(value: Record<string, unknown>): {
  section: Record<string, unknown>;
  where: string;
} {
  const providers = entry(value, 'providers');
  if (!providers || !isRecord(providers[1])) return { section: value, where: '' };
  const crd = entry(providers[1], 'kubernetesCRD');
  if (!crd || !isRecord(crd[1])) {
    throw new UsageError(
      `${providers[0]} has no kubernetesCRD section: give Traefik's options under providers.kubernetesCRD, or at the top of the file.`,
    );
  }
  return { section: crd[1], where: `${providers[0]}.${crd[0]}.` };
}

/**
 * Traefik's kubernetescrd options from a YAML or JSON document: Traefik's names, at the top level or
 * under `providers.kubernetesCRD` as in Traefik's static configuration and the Helm chart's values.
 */
export function providerOptionsOf(value: unknown, source: string): ProviderOptions {
  if (!isRecord(value)) {
    throw new UsageError(
      `--provider-options ${source} must hold a mapping of Traefik's kubernetescrd options.`,
    );
  }
  const { section, where } = providerSection(value);
  const options: ProviderOptions = {};
  const fail = (key: string, expected: string): never => {
    throw new UsageError(`--provider-options ${source}: ${where}${key} must be ${expected}.`);
  };
  for (const [key, given] of Object.entries(section)) {
    const lower = key.toLowerCase();
    const flag = BOOLEANS.find((name) => name.toLowerCase() === lower);
    if (flag) {
      if (typeof given !== 'boolean') fail(key, 'true or false');
      options[flag] = given as boolean;
    } else if (lower === 'ingressclass') {
      if (typeof given !== 'string') fail(key, 'a string');
      options.ingressClass = given as string;
    } else if (lower === 'crossprovidernamespaces') {
      // null is Go's nil, which Traefik reads as unrestricted, the same as leaving it out.
      if (given === null) continue;
      if (!Array.isArray(given) || !given.every((ns) => typeof ns === 'string'))
        fail(key, 'a list of namespaces');
      options.crossProviderNamespaces = given as string[];
    } else if (!OTHER_TRAEFIK_OPTIONS.has(lower)) {
      throw new UsageError(
        `--provider-options ${source}: ${where}${key} is not an option of Traefik's kubernetescrd provider; check the spelling against Traefik's documentation.`,
      );
    }
  }
  return options;
}

/** Reads `--provider-options FILE`. */
export async function readProviderOptions(path: string, cwd: string): Promise<ProviderOptions> {
  const text = await readFile(resolve(cwd, path), 'utf8').catch(() => {
    throw new UsageError(`cannot read --provider-options ${path}: no such file or not readable.`);
  });
  let value: unknown;
  try {
    value = parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`--provider-options ${path} is not YAML or JSON: ${(error as Error).message}`);
  }
  return providerOptionsOf(value, path);
}

/** `--cross-provider-namespaces a,b`: an empty value is the empty list, which allows none. */
export function namespaceList(value: string): string[] {
  return value
    .split(',')
    .map((ns) => ns.trim())
    .filter((ns) => ns !== '');
}
