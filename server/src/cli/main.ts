import { DEMO_BACKENDS_HELP, DEMO_MANIFESTS_HELP, LINT_HELP, MAIN_HELP, PROBE_HELP } from './help.js';
import { processIO, UsageError, type CliIO } from './io.js';

type Command = (args: string[], io: CliIO) => Promise<number>;

// Commands are imported lazily so `dialtone lint` in a CI pipeline does not load Express.
const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve.js')).runServeCommand,
  cluster: async () => (await import('./cluster.js')).runClusterCommand,
  lint: async () => (await import('./lint.js')).runLintCommand,
  probe: async () => (await import('./probe.js')).runProbeCommand,
  'demo-manifests': async () => (await import('./demoManifests.js')).runDemoManifestsCommand,
  'demo-backends': async () => (await import('./demoBackends.js')).runDemoBackendsCommand,
};

const commandHelp: Record<string, string> = {
  lint: LINT_HELP,
  probe: PROBE_HELP,
  'demo-manifests': DEMO_MANIFESTS_HELP,
  'demo-backends': DEMO_BACKENDS_HELP,
};

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    io.stdout.write(topic && commandHelp[topic] ? commandHelp[topic] : MAIN_HELP);
    return 0;
  }
  const name = first === undefined || first.startsWith('-') ? 'serve' : first;
  const args = name === first ? rest : argv;
  const load = commands[name];
  if (!load) {
    io.stderr.write(`dialtone: unknown command "${name}". Run "dialtone --help" for the list.\n`);
    return 2;
  }
  try {
    const command = await load();
    return await command(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`dialtone ${name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url.endsWith('/cli/main.js');
if (isEntryPoint) {
  main(process.argv.slice(2), processIO()).then(
    (code) => {
      // Long-running commands (serve, cluster) resolve only when they are told to stop.
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`dialtone: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
