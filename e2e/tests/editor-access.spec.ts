import { expect, test } from '@playwright/test';
import {
  allowMonacoStyles,
  collectProblems,
  collectRequests,
  expectNoSeriousAxeViolations,
} from './support/dashboard.js';

test('the YAML editor is reachable by keyboard, Escape leaves it, and the views pass axe', async ({
  page,
}) => {
  await allowMonacoStyles(page);
  const problems = collectProblems(page);
  const requests = collectRequests(page);
  await page.goto('/#/c/demo/ns/demo/transports/tls-backend/edit');
  await expectNoSeriousAxeViolations(page);

  await page.getByRole('tab', { name: 'YAML' }).click();
  const editor = page.getByRole('textbox', { name: /YAML editor/ });
  await page.locator('[data-testid="yaml-editor"] .view-lines').click();
  await expect(editor).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(editor).not.toBeFocused();
  await expect(page.getByRole('button', { name: 'Validate' })).toBeFocused();
  await expectNoSeriousAxeViolations(page);

  await page.getByRole('button', { name: 'Validate' }).click();
  await expect(page.getByTestId('validation-result')).toContainText('the API server would accept it');

  await page.getByRole('tab', { name: 'Diff' }).click();
  await expect(page.getByTestId('diff-view')).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath('editor.png'), fullPage: true });
  expect(problems).toEqual([]);
  // Monaco, its workers and its fonts come from the server itself, never from a CDN.
  const origin = new URL(page.url()).origin;
  expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
});
