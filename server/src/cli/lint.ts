import { parseArgs } from 'node:util';
import {
  formatLintText,
  isTraefikRelease,
  lintDocuments,
  lintExitCode,
  PROVIDER_OPTION_NAMES,
  TRAEFIK_RELEASES,
  type LintOptions,
  type ProviderSettings,
} from '@dialtone/shared';
import { LINT_HELP } from './help.js';
import { UsageError, type CliIO } from './io.js';
import { readLintInputs } from './lintInputs.js';
import { namespaceList, readProviderOptions } from './lintProviderOptions.js';
import { readCrdSchemas } from './lintSchemas.js';

/** `dialtone lint [--format text|json] FILE|DIR|- ...`: 0 clean, 1 errors found, 2 usage error. */
export async function runLintCommand(args: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        namespace: { type: 'string' },
        traefik: { type: 'string' },
        crd: { type: 'string', multiple: true },
        'allow-cross-namespace': { type: 'boolean' },
        'allow-external-name-services': { type: 'boolean' },
        'cross-provider-namespaces': { type: 'string' },
        'allow-empty-services': { type: 'boolean' },
        'native-lb-by-default': { type: 'boolean' },
        'ingress-class': { type: 'string' },
        'disable-cluster-scope-resources': { type: 'boolean' },
        'provider-options': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run "dialtone help lint".`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(LINT_HELP);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    throw new UsageError(`--format must be text or json, not "${values.format}".`);
  }
  if (positionals.length === 0) {
    throw new UsageError(
      'give at least one file, directory, or - for standard input. Run "dialtone help lint".',
    );
  }
  if (values.traefik !== undefined && !isTraefikRelease(values.traefik)) {
    throw new UsageError(`--traefik must be ${TRAEFIK_RELEASES.join(' or ')}, not "${values.traefik}".`);
  }
  const fromFile = values['provider-options']
    ? await readProviderOptions(values['provider-options'], io.cwd)
    : {};
  const fromFlags: Partial<ProviderSettings> = {
    allowCrossNamespace: values['allow-cross-namespace'],
    allowExternalNameServices: values['allow-external-name-services'],
    allowEmptyServices: values['allow-empty-services'],
    nativeLBByDefault: values['native-lb-by-default'],
    ingressClass: values['ingress-class'],
    disableClusterScopeResources: values['disable-cluster-scope-resources'],
  };
  if (values['cross-provider-namespaces'] !== undefined) {
    fromFlags.crossProviderNamespaces = namespaceList(values['cross-provider-namespaces']);
  }
  // A flag given on the command line wins over the file; Traefik's defaults fill the rest.
  const provider: Partial<ProviderSettings> = { ...fromFile };
  for (const name of PROVIDER_OPTION_NAMES) {
    if (fromFlags[name] !== undefined) Object.assign(provider, { [name]: fromFlags[name] });
  }
  const options: LintOptions = { provider };
  if (values.namespace) options.defaultNamespace = values.namespace;
  if (values.traefik !== undefined) options.traefik = values.traefik;
  if (values.crd) options.schemas = await readCrdSchemas(values.crd, io.cwd);
  const inputs = await readLintInputs(positionals, io.cwd, io.stdin);
  const report = lintDocuments(inputs, options);
  io.stdout.write(values.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : formatLintText(report));
  return lintExitCode(report);
}
