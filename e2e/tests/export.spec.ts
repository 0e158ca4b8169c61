import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/dashboard.js';
import { startDemoServer, type DemoServer } from './support/demoServer.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// Its own server, so the exported file can be checked with kubectl against the same cluster.
let server: DemoServer;

test.beforeAll(async () => {
  server = await startDemoServer(7396, 'local');
});

test.afterAll(async () => {
  await server.stop();
});

test('several transports export as one file that dialtone lint and a server dry run accept', async ({
  page,
}) => {
  await page.goto(`${server.baseURL}/#/c/demo/transports`);
  await page.getByRole('checkbox', { name: 'Select demo/tls-backend' }).check();
  await page.getByRole('checkbox', { name: 'Select demo/mtls-backend' }).check();
  await page.getByRole('button', { name: 'Export YAML (2)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export 2 transports' });
  await dialog.getByLabel('Include the IngressRouteTCPs that use them').check();
  const text = dialog.getByTestId('export-text');
  await expect(text).toContainText('name: tls-backend');
  await expect(text).toContainText('name: mtls-backend');
  await expect(text).toContainText('kind: IngressRouteTCP');
  await expect(text).not.toContainText('managedFields');
  await expect(text).not.toContainText('resourceVersion');
  await expectNoSeriousAxeViolations(page);

  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  const file = await (await download).path();
  expect(readFileSync(file, 'utf8')).toContain('---');
  // Both exit non-zero, and so throw, when any document is refused.
  execFileSync('node', ['server/dist/cli/main.js', 'lint', file], { cwd: repoRoot });
  expect(server.kubectl('apply', '--dry-run=server', '-f', file)).toContain('(server dry run)');

  // Without namespaces, for kustomize: still valid once a namespace is given.
  await dialog.getByLabel('Leave out namespaces (for kustomize)').check();
  await expect(text).not.toContainText('namespace: demo');
  const bare = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  const bareFile = await (await bare).path();
  execFileSync('node', ['server/dist/cli/main.js', 'lint', bareFile], { cwd: repoRoot });
  expect(server.kubectl('apply', '--dry-run=server', '-n', 'demo', '-f', bareFile)).toContain(
    '(server dry run)',
  );
});
