import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// DIALTONE_E2E_PORT lets two runs on one machine keep their own servers apart.
const port = Number(process.env.DIALTONE_E2E_PORT ?? 7391);
const baseURL = `http://127.0.0.1:${port}`;

// The journeys run in the distribution's Chromium rather than a downloaded build, so nothing is fetched
// at test time and the browser gets the system's security updates.
function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) {
      throw new Error(
        `CHROMIUM_PATH is set to ${fromEnv}, but no file is there. Point it at a Chromium binary.`,
      );
    }
    return fromEnv;
  }
  const system = '/usr/bin/chromium';
  if (!existsSync(system)) {
    throw new Error(
      `The browser journeys need Chromium and ${system} does not exist. ` +
        'Install it with `apt-get install chromium`, or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return system;
}

export default defineConfig({
  testDir: 'tests',
  outputDir: `${repoRoot}/test-results`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: `${repoRoot}/.reports/playwright.json` }]],
  use: {
    baseURL,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    // --demo explicitly: a kubeconfig on the machine must never turn the journeys against a real cluster.
    command: `node server/dist/cli/main.js --demo --port ${port}`,
    cwd: repoRoot,
    url: `${baseURL}/healthz`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
});
