import { parseArgs } from 'node:util';
import {
  formatLintGithub,
  formatLintSarif,
  formatLintText,
  isTraefikRelease,
  lintDocuments,
  lintExitCode,
  TRAEFIK_RELEASES,
  type LintOptions,
  type LintReport,
} from '@dialtone/shared';
import { LINT_HELP } from './help.js';
import { UsageError, type CliIO } from './io.js';
import { readLintInputs } from './lintInputs.js';
import { addTraefikView, lintTraefikOptions } from './lintTraefik.js';
import { PROVIDER_OPTION_FLAGS, providerOptionsFromFlags } from './providerOptions.js';
import { readCrdSchemas } from './lintSchemas.js';

const FORMATS = {
  text: formatLintText,
  json: (report: LintReport) => JSON.stringify(report, null, 2) + '\n',
  // Workflow commands: GitHub Actions shows each finding as an annotation on its line.
  github: formatLintGithub,
  // For code scanning uploads (github/codeql-action/upload-sarif and other SARIF readers).
  sarif: (report: LintReport) => formatLintSarif(report),
} as const;

type LintFormat = keyof typeof FORMATS;

const isFormat = (value: string): value is LintFormat => Object.hasOwn(FORMATS, value);

/** `dialtone lint [--format text|json|github|sarif] FILE|DIR|- ...`: 0 clean, 1 errors found, 2 usage error. */
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
        ...PROVIDER_OPTION_FLAGS,
        'traefik-api': { type: 'string', multiple: true },
        'traefik-timeout': { type: 'string' },
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
  const format = values.format;
  if (!isFormat(format)) {
    throw new UsageError(`--format must be ${Object.keys(FORMATS).join(', ')}, not "${format}".`);
  }
  if (positionals.length === 0) {
    throw new UsageError(
      'give at least one file, directory, or - for standard input. Run "dialtone help lint".',
    );
  }
  if (values.traefik !== undefined && !isTraefikRelease(values.traefik)) {
    throw new UsageError(`--traefik must be ${TRAEFIK_RELEASES.join(' or ')}, not "${values.traefik}".`);
  }
  const traefik = lintTraefikOptions(values['traefik-api'], values['traefik-timeout']);
  // A flag given on the command line wins over the file; Traefik's defaults fill the rest.
  const provider = providerOptionsFromFlags(values, io.cwd);
  const options: LintOptions = { provider };
  if (values.namespace) options.defaultNamespace = values.namespace;
  if (values.traefik !== undefined) options.traefik = values.traefik;
  if (values.crd) options.schemas = await readCrdSchemas(values.crd, io.cwd);
  const inputs = await readLintInputs(positionals, io.cwd, io.stdin);
  const linted = lintDocuments(inputs, options);
  if (!traefik) {
    io.stdout.write(FORMATS[format](linted));
    return lintExitCode(linted);
  }
  const { report, text, notes } = await addTraefikView(linted, inputs, options, traefik);
  io.stdout.write(FORMATS[format](report) + (format === 'text' ? text : ''));
  if (format !== 'text') for (const note of notes) io.stderr.write(note);
  return lintExitCode(report);
}
