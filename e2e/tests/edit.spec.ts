import { expect, test } from '@playwright/test';
import {
  allowMonacoStyles,
  collectRequests,
  createTransport,
  deleteTransport,
  expectNoSeriousAxeViolations,
  monacoText,
  MONACO_ASSET,
  replaceEditorText,
  draftSaved,
} from './support/dashboard.js';

const NAME = `e2e-edit-${String(Date.now() % 100_000)}`;

const yamlWith = (dialTimeout: string, extra = '') => `# owned by the edge team
apiVersion: traefik.io/v1alpha1
kind: ServersTransportTCP
metadata:
  name: ${NAME}
  namespace: demo
spec:
  dialTimeout: ${dialTimeout} # keep it short
  tls:
    serverName: backend.demo.svc
${extra}`;

test.beforeAll(async ({ request }) => {
  await createTransport(request, {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'ServersTransportTCP',
    metadata: { name: NAME, namespace: 'demo' },
    spec: { dialTimeout: '5s', tls: { serverName: 'backend.demo.svc' } },
  });
});

test.afterAll(async ({ request }) => {
  await deleteTransport(request, 'demo', NAME);
});

test('form and YAML edit one document; the shared diagnostics show in both; save updates the list', async ({
  page,
  context,
}) => {
  await allowMonacoStyles(page);
  const requests = collectRequests(page);
  const list = await context.newPage();
  await list.goto(`/#/c/demo/transports?q=${NAME}`);
  await expect(list.getByRole('link', { name: NAME })).toBeVisible();

  await page.goto(`/#/c/demo/ns/demo/transports/${NAME}`);
  await page.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByRole('tab', { name: 'Form' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('dialTimeout')).toHaveValue('5s');
  await expectNoSeriousAxeViolations(page);
  // The form alone never pulls in Monaco.
  expect(requests.filter((url) => MONACO_ASSET.test(url))).toEqual([]);

  // Comments written in YAML survive an edit made in the form.
  await page.getByRole('tab', { name: 'YAML' }).click();
  await expect(page).toHaveURL(/tab=yaml/);
  await replaceEditorText(page, yamlWith('5s'));
  await page.getByRole('tab', { name: 'Form' }).click();
  await page.getByLabel('dialTimeout').fill('100');
  await expect(page.getByTestId('reads-dialTimeout')).toHaveText('Traefik reads: 100 → 1m40s (seconds!)');
  await page.getByRole('tab', { name: 'YAML' }).click();
  await expect.poll(() => monacoText(page)).toContain('# owned by the edge team');
  expect(await monacoText(page)).toContain('dialTimeout: 100 # keep it short');
  expect(requests.some((url) => MONACO_ASSET.test(url))).toBe(true);

  // A bad duration typed in YAML: a marker, and the same code and message in the form.
  await replaceEditorText(page, yamlWith('5x'));
  const problems = page.getByRole('list', { name: 'Diagnostics' }).first();
  const finding = problems.getByTestId('diagnostic').filter({ hasText: 'spec.dialTimeout' });
  await expect(finding).toHaveCount(1);
  const message = (await finding.locator('p').first().innerText()).trim();
  await expect(page.locator('[data-testid="yaml-editor"] .squiggly-error').first()).toBeVisible();
  await page.getByRole('tab', { name: 'Form' }).click();
  await expect(page.getByTestId('field-diagnostic').filter({ hasText: message })).toHaveCount(1);

  // A misspelt field is flagged.
  await page.getByRole('tab', { name: 'YAML' }).click();
  await replaceEditorText(page, yamlWith('100', '  dialTimout: 5s\n'));
  await expect(problems.getByTestId('diagnostic').filter({ hasText: 'spec.dialTimout' })).toHaveCount(1);
  // In the editor: monaco-yaml's schema check and the shared validator's marker, with the same wording as the list.
  const misspelt = page
    .locator('[data-testid="yaml-editor"] .view-line span', { hasText: 'dialTimout' })
    .first();
  const hover = page.locator('.monaco-hover').filter({ hasText: 'schema.unknown-field' });
  // monaco-yaml validates in its worker a moment after the shared validator; hover until both have spoken.
  await expect(async () => {
    await page.mouse.move(0, 0);
    await misspelt.hover();
    await expect(hover).toContainText('Property dialTimout is not allowed', { timeout: 1_500 });
  }).toPass({ timeout: 20_000 });
  await expect(hover).toContainText('spec.dialTimout is not a field of this resource');
  await expect(page.getByTestId('save-reason')).toBeVisible();

  // Fix it, review the diff, save.
  await replaceEditorText(page, yamlWith('100'));
  await expect(page.getByTestId('save-reason')).toBeHidden();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('diff-view')).toBeVisible();
  await page.getByRole('button', { name: 'Confirm save' }).click();
  await expect(page).toHaveURL(new RegExp(`/ns/demo/transports/${NAME}$`));
  await expect(page.getByRole('table', { name: 'Effective values' })).toContainText('1m40s');

  // The other tab's list followed through the event stream, without a reload.
  await expect(list.getByRole('row', { name: new RegExp(NAME) })).toContainText('1m40s');
});

test('a draft survives a reload, and leaving with unsaved changes asks first', async ({ page }) => {
  await page.goto(`/#/c/demo/ns/demo/transports/${NAME}`);
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('dialTimeout').fill('42s');
  await expect(page.getByText('unsaved changes')).toBeVisible();
  await draftSaved(page);
  await page.reload();
  await expect(page.getByText(/Your unsaved draft from .* was restored/)).toBeVisible();
  await expect(page.getByLabel('dialTimeout')).toHaveValue('42s');

  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole('link', { name: `Back to ${NAME}` }).click();
  expect(asked).toContain('unsaved changes');
  await expect(page).toHaveURL(/\/edit$/);

  // The browser's Back button asks too, and staying keeps the address on the editor.
  let askedAgain = false;
  page.once('dialog', (dialog) => {
    askedAgain = true;
    void dialog.dismiss();
  });
  await page.goBack();
  await expect.poll(() => askedAgain).toBe(true);
  await expect(page).toHaveURL(/\/edit$/);
  await expect(page.getByLabel('dialTimeout')).toHaveValue('42s');

  await page.getByRole('button', { name: 'Discard the draft' }).click();
  await expect(page.getByText('unsaved changes')).toBeHidden();
  await page.getByRole('link', { name: `Back to ${NAME}` }).click();
  await expect(page).toHaveURL(new RegExp(`/transports/${NAME}$`));
});

test('a deprecated field is fixed with one click, in the form as in the problem list', async ({ page }) => {
  await page.goto('/#/c/demo/ns/demo/transports/legacy-ca/edit');
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems).toContainText('traefik.deprecated-root-cas-secrets');
  await problems.getByRole('button', { name: 'Move to rootCAs' }).click();
  await expect(problems).not.toContainText('traefik.deprecated-root-cas-secrets');
  await expect(page.getByLabel('Secret of trusted CA 1')).toHaveValue('legacy-ca');
  await expect(page.getByRole('group', { name: 'Legacy' })).toHaveCount(0);
  await expect(page.getByText('unsaved changes')).toBeVisible();
});
