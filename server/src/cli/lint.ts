import { parseArgs } from 'node:util';
import { formatLintText, lintDocuments, lintExitCode } from '@dialtone/shared';
import { LINT_HELP } from './help.js';
import { UsageError, type CliIO } from './io.js';
import { readLintInputs } from './lintInputs.js';

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
  const inputs = await readLintInputs(positionals, io.cwd, io.stdin);
  const report = lintDocuments(inputs, values.namespace ? { defaultNamespace: values.namespace } : {});
  io.stdout.write(values.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : formatLintText(report));
  return lintExitCode(report);
}
