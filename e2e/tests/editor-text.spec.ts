import { expect, test } from '@playwright/test';
import {
  allowMonacoStyles,
  collectProblems,
  createTransport,
  deleteTransport,
  monacoText,
  replaceEditorText,
} from './support/dashboard.js';

const NAME = `e2e-text-${String(Date.now() % 100_000)}`;
const HEAD = `apiVersion: traefik.io/v1alpha1
kind: ServersTransportTCP
metadata:
  name: ${NAME}
  namespace: demo
spec:
  tls:
    serverName: backend.demo.svc
`;

test.beforeAll(async ({ request }) => {
  await createTransport(request, {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'ServersTransportTCP',
    metadata: { name: NAME, namespace: 'demo' },
    spec: { tls: { serverName: 'backend.demo.svc' } },
  });
});

test.afterAll(async ({ request }) => {
  await deleteTransport(request, 'demo', NAME);
});

test('the YAML editor keeps every character typed at 10 ms a key', async ({ page }) => {
  await allowMonacoStyles(page);
  const problems = collectProblems(page);
  await page.goto(`/#/c/demo/ns/demo/transports/${NAME}/edit?tab=yaml`);
  await expect.poll(() => monacoText(page)).toContain(`name: ${NAME}`);
  // The caret ends after the two spaces of an empty spec entry, where a key goes.
  await replaceEditorText(page, `${HEAD}  `);
  await expect.poll(() => monacoText(page)).toContain('serverName: backend.demo.svc');
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="yaml-editor"] .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  const typed = 'dialTimeout: 1500ms # typed fast, kept whole';
  await page.keyboard.type(typed, { delay: 10 });
  await expect.poll(() => monacoText(page)).toBe(`${HEAD}  ${typed}`);
  // The page's model has the same text: the form reads what was typed.
  await page.getByRole('tab', { name: 'Form' }).click();
  await expect(page.getByLabel('dialTimeout')).toHaveValue('1500ms');
  // Back in YAML, a change made in the form is pushed into the editor.
  await page.getByLabel('dialTimeout').fill('2s');
  await page.getByRole('tab', { name: 'YAML' }).click();
  await expect.poll(() => monacoText(page)).toContain('dialTimeout: 2s # typed fast, kept whole');
  expect(problems).toEqual([]);
});

test('leaving the Diff tab throws nothing; the title keeps the name while the YAML is broken; 1.5s is answered with 1500ms', async ({
  page,
}) => {
  await allowMonacoStyles(page);
  const problems = collectProblems(page);
  await page.goto(`/#/c/demo/ns/demo/transports/${NAME}/edit?tab=yaml`);
  await expect.poll(() => monacoText(page)).toContain(`name: ${NAME}`);
  const title = page.getByRole('heading', { level: 2, name: `Edit demo/${NAME}` });
  await expect(title).toBeVisible();

  await replaceEditorText(page, `${HEAD}  dialTimeout: 1.5s\n`);
  const finding = page.getByRole('list', { name: 'Diagnostics' }).first().getByTestId('diagnostic');
  await expect(finding.filter({ hasText: 'spec.dialTimeout' })).toContainText('Write "1500ms".');
  await expect(finding.filter({ hasText: 'spec.dialTimeout' })).not.toContainText('^(');

  for (let i = 0; i < 2; i++) {
    await page.getByRole('tab', { name: 'Diff' }).click();
    await expect(page.getByTestId('diff-view')).toBeVisible();
    await expect(page.getByTestId('diff-view').locator('.monaco-diff-editor')).toBeVisible();
    await page.getByRole('tab', { name: i === 0 ? 'YAML' : 'Form' }).click();
  }
  await page.getByRole('tab', { name: 'YAML' }).click();

  await replaceEditorText(page, 'metadata: [unclosed\n  name: x: y\n');
  await expect(page.getByRole('list', { name: 'Diagnostics' }).first()).toContainText(/yaml|YAML/);
  await expect(title).toBeVisible();
  // Let a late disposal surface before judging.
  await page.waitForTimeout(300);
  expect(problems).toEqual([]);
});
