import { parseArgs } from 'node:util';
import {
  formatLintText,
  isTraefikRelease,
  lintDocuments,
  lintExitCode,
  TRAEFIK_RELEASES,
  type LintOptions,
} from '@dialtone/shared';
import { LINT_HELP } from './help.js';
import { UsageError, type CliIO } from './io.js';
import { readLintInputs } from './lintInputs.js';
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
  const options: LintOptions = {
    provider: {
      allowCrossNamespace: values['allow-cross-namespace'] ?? false,
      allowExternalNameServices: values['allow-external-name-services'] ?? false,
    },
  };
  if (values.namespace) options.defaultNamespace = values.namespace;
  if (values.traefik !== undefined) options.traefik = values.traefik;
  if (values.crd) options.schemas = await readCrdSchemas(values.crd, io.cwd);
  const inputs = await readLintInputs(positionals, io.cwd, io.stdin);
  const report = lintDocuments(inputs, options);
  io.stdout.write(values.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : formatLintText(report));
  return lintExitCode(report);
}
