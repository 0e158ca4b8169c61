import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROVIDER_OPTION_NAMES, type ProviderSettings } from '@dialtone/shared';
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

/**
 * Reads `--provider-options FILE`. Synchronous: it runs once while the command line is parsed,
 * before anything is served.
 */
export function readProviderOptions(path: string, cwd: string): ProviderOptions {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch {
    throw new UsageError(`cannot read --provider-options ${path}: no such file or not readable.`);
  }
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

/** The flag of each option: Traefik's name in kebab case, as `dialtone lint` and `dialtone serve` take it. */
const FLAG_OF = {
  allowCrossNamespace: 'allow-cross-namespace',
  allowExternalNameServices: 'allow-external-name-services',
  crossProviderNamespaces: 'cross-provider-namespaces',
  allowEmptyServices: 'allow-empty-services',
  nativeLBByDefault: 'native-lb-by-default',
  ingressClass: 'ingress-class',
  disableClusterScopeResources: 'disable-cluster-scope-resources',
} as const satisfies Record<(typeof PROVIDER_OPTION_NAMES)[number], string>;

/** The provider options' flags, in `node:util` parseArgs form, for every command that mirrors them. */
export const PROVIDER_OPTION_FLAGS = {
  'allow-cross-namespace': { type: 'boolean' },
  'allow-external-name-services': { type: 'boolean' },
  'cross-provider-namespaces': { type: 'string' },
  'allow-empty-services': { type: 'boolean' },
  'native-lb-by-default': { type: 'boolean' },
  'ingress-class': { type: 'string' },
  'disable-cluster-scope-resources': { type: 'boolean' },
  'provider-options': { type: 'string' },
} as const;

export type ProviderOptionFlags = {
  [K in keyof typeof PROVIDER_OPTION_FLAGS]?: (typeof PROVIDER_OPTION_FLAGS)[K]['type'] extends 'boolean'
    ? boolean
    : string;
};

/**
 * The provider options a command line gives: `--provider-options FILE` first, each flag given on
 * top of it. Options given nowhere are left out, so Traefik's defaults fill them.
 */
export function providerOptionsFromFlags(values: ProviderOptionFlags, cwd: string): ProviderOptions {
  const file = values['provider-options'];
  const provider: ProviderOptions = file === undefined ? {} : readProviderOptions(file, cwd);
  for (const name of PROVIDER_OPTION_NAMES) {
    const given = values[FLAG_OF[name]];
    if (given === undefined) continue;
    Object.assign(provider, {
      [name]: name === 'crossProviderNamespaces' ? namespaceList(String(given)) : given,
    });
  }
  return provider;
}
