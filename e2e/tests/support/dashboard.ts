/// <reference lib="dom" />
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

/**
 * Monaco injects <style> elements, which the server's current CSP (style-src 'self') blocks. Until
 * the server sends style-src 'self' 'unsafe-inline', editor journeys apply exactly that one change to
 * the document's policy, so they test the policy the editor is meant to ship with and nothing looser.
 */
export async function allowMonacoStyles(page: Page): Promise<void> {
  await page.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') {
      await route.fallback();
      return;
    }
    const response = await route.fetch();
    const headers = response.headers();
    const policy = headers['content-security-policy'];
    if (policy && !/style-src[^;]*'unsafe-inline'/.test(policy)) {
      headers['content-security-policy'] = policy.replace(
        /style-src ([^;]*)/,
        "style-src $1 'unsafe-inline'",
      );
    }
    await route.fulfill({ response, headers });
  });
}

/** Console errors and page errors, which include CSP violations a screenshot would not show. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/** Every URL the page requested, to assert what was (not) loaded. */
export function collectRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

export const MONACO_ASSET = /editor\.api|monaco-|yaml\.worker|editor\.worker/;

export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).exclude('.monaco-editor').analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious).toEqual([]);
}

async function csrf(request: APIRequestContext): Promise<string> {
  const session = await request.get('/api/v1/session');
  expect(session.ok()).toBe(true);
  return ((await session.json()) as { csrfToken: string }).csrfToken;
}

export interface TransportObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace: string;
    resourceVersion?: string;
    annotations?: Record<string, string>;
  };
  spec: Record<string, unknown>;
}

const transportUrl = (namespace: string, name?: string) =>
  `/api/v1/clusters/demo/namespaces/${namespace}/transports${name ? `/${name}` : ''}`;

/** Another writer, as kubectl would be: straight to the API, outside the page. */
export async function readTransport(request: APIRequestContext, namespace: string, name: string) {
  const response = await request.get(transportUrl(namespace, name));
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { object: TransportObject }).object;
}

export async function putTransport(request: APIRequestContext, object: TransportObject) {
  const response = await request.put(transportUrl(object.metadata.namespace, object.metadata.name), {
    headers: { 'X-CSRF-Token': await csrf(request) },
    data: object,
  });
  expect(response.ok(), await response.text()).toBe(true);
}

export async function createTransport(request: APIRequestContext, object: TransportObject) {
  const response = await request.post(transportUrl(object.metadata.namespace), {
    headers: { 'X-CSRF-Token': await csrf(request) },
    data: object,
  });
  expect(response.status(), await response.text()).toBe(201);
}

export async function deleteTransport(request: APIRequestContext, namespace: string, name: string) {
  const current = await request.get(transportUrl(namespace, name));
  if (!current.ok()) return;
  const { object } = (await current.json()) as { object: TransportObject };
  await request.delete(
    `${transportUrl(namespace, name)}?resourceVersion=${object.metadata.resourceVersion ?? ''}`,
    { headers: { 'X-CSRF-Token': await csrf(request) } },
  );
}

/** The text of the visible Monaco editor, with its non-breaking spaces made plain. */
export async function monacoText(page: Page): Promise<string> {
  const lines = page.locator('[data-testid="yaml-editor"] .view-lines');
  await expect(lines).toBeVisible();
  return ((await lines.innerText()) ?? '').replaceAll('\u00a0', ' ');
}

/** Puts the caret at the end of the editor's text and types, as a user would. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="yaml-editor"] .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(text);
}

/** Replaces the editor's whole text with a paste, as typing would be reshaped by auto-indent. */
export async function replaceEditorText(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="yaml-editor"] .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    (document.activeElement ?? document.body).dispatchEvent(event);
  }, text);
}

/** Drafts are written shortly after typing stops; wait until this browser holds one. */
export async function draftSaved(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => Object.keys(localStorage).some((key) => key.startsWith('dialtone.draft.'))),
    )
    .toBe(true);
}
