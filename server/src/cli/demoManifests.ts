import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exportYaml } from '@dialtone/shared';
import { demoManifests } from '../localcluster/index.js';
import { DEMO_MANIFESTS_HELP } from './help.js';
import { UsageError, type CliIO } from './io.js';

/** What Kubernetes accepts as spec.externalName: a lowercase RFC 1123 DNS name. */
const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;

/** `dialtone demo-manifests [--backend-host HOST] [--certs-out DIR]`: the demo as YAML for kubectl apply. */
export async function runDemoManifestsCommand(args: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        'backend-host': { type: 'string' },
        'certs-out': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run "dialtone help demo-manifests".`);
  }
  const { values } = parsed;
  if (values.help) {
    io.stdout.write(DEMO_MANIFESTS_HELP);
    return 0;
  }
  const backendHost = values['backend-host'];
  if (backendHost !== undefined && !DNS_NAME.test(backendHost)) {
    throw new UsageError(
      `--backend-host must be a lowercase DNS name such as demo-backends (it becomes the Services' externalName), not "${backendHost}".`,
    );
  }
  if (values['certs-out'] === '') throw new UsageError('--certs-out needs a directory.');
  const certsOut = values['certs-out'] === undefined ? undefined : resolve(io.cwd, values['certs-out']);
  io.stdout.write(exportYaml(demoManifests({ backendHost, certsOut })));
  return 0;
}
