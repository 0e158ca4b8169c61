import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BACKEND_NAMES, startDemoBackendsFromCerts } from '../localcluster/index.js';
import { DEMO_BACKENDS_HELP } from './help.js';
import { UsageError, type CliIO } from './io.js';
import { untilStopped } from './untilStopped.js';

/**
 * `dialtone demo-backends --certs DIR [--host ADDR]`: the demo backends on their fixed ports, with the
 * certificates `demo-manifests --certs-out DIR` wrote, until SIGINT or SIGTERM.
 */
export async function runDemoBackendsCommand(args: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        certs: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run "dialtone help demo-backends".`);
  }
  const { values } = parsed;
  if (values.help) {
    io.stdout.write(DEMO_BACKENDS_HELP);
    return 0;
  }
  if (!values.certs) {
    throw new UsageError(
      '--certs DIR is required: the directory "dialtone demo-manifests --certs-out DIR" wrote.',
    );
  }
  const backends = await startDemoBackendsFromCerts(resolve(io.cwd, values.certs), {
    host: values.host,
    fixedPorts: true,
  });
  io.stdout.write(
    [
      `Demo backends on ${values.host}:`,
      ...BACKEND_NAMES.map(
        (name) =>
          `  ${name.padEnd(11)} ${backends.ports[name]}${name === 'closed' ? ' (nothing listens: refused)' : ''}`,
      ),
      '',
    ].join('\n'),
  );
  await untilStopped();
  await backends.close();
  io.stdout.write('Demo backends stopped.\n');
  return 0;
}
