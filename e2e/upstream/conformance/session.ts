import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthorizationV1Api, CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { expect } from 'vitest';
import { Kubectl, type KubectlOptions, type KubectlResult } from './kubectl.js';
import type { ApiObject, Status } from './objects.js';
import { parseJson, rawHttp, type RawHttp, type RawResponse } from './rawHttp.js';
import type { ConformanceTarget } from './target.js';

/** Everything one run of the cases shares: the clients, a private kubectl HOME and a name suffix. */
export interface ConformanceSession {
  target: ConformanceTarget;
  kubeConfig: KubeConfig;
  customObjects: CustomObjectsApi;
  core: CoreV1Api;
  authorization: AuthorizationV1Api;
  kubectl: Kubectl;
  http: RawHttp;
  /** Unique to this run, so the cases can be re-run against a server that kept the last run's objects. */
  suffix: string;
  /** `base-<suffix>` */
  name(base: string): string;
  close(): void;
}

export function openSession(target: ConformanceTarget): ConformanceSession {
  const home = mkdtempSync(join(tmpdir(), 'dialtone-conformance-'));
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(target.kubeconfigPath);
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  return {
    target,
    kubeConfig,
    customObjects: kubeConfig.makeApiClient(CustomObjectsApi),
    core: kubeConfig.makeApiClient(CoreV1Api),
    authorization: kubeConfig.makeApiClient(AuthorizationV1Api),
    kubectl: new Kubectl(target.kubectl, target.kubeconfigPath, home),
    http: rawHttp(kubeConfig),
    suffix,
    name: (base) => `${base}-${suffix}`,
    close: () => rmSync(home, { recursive: true, force: true }),
  };
}

/** kubectl's whole conversation, for failure messages. */
export function transcript(result: KubectlResult): string {
  return `exit ${String(result.exitCode)}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
}

type KubectlStep = (
  session: ConformanceSession,
  args: string[],
  options?: KubectlOptions,
) => Promise<KubectlResult>;

function expectingExit(exitCode: number): KubectlStep {
  return async (session, args, options) => {
    const result = await session.kubectl.run(args, options);
    expect(result.exitCode, transcript(result)).toBe(exitCode);
    return result;
  };
}

/** Runs kubectl and expects it to succeed. */
export const kubectlOk = expectingExit(0);

/** Runs kubectl and expects it to fail with exit code 1, as it does for a refusal from the server. */
export const kubectlFails = expectingExit(1);

/** `kubectl get <kind> <name> -o json` of an object that must exist. */
export async function getObject(
  session: ConformanceSession,
  kind: string,
  name: string,
  ...extra: string[]
): Promise<ApiObject> {
  const result = await kubectlOk(session, ['get', kind, name, '-o', 'json', ...extra]);
  return JSON.parse(result.stdout) as ApiObject;
}

/** `kubectl get <kind> <name> -o jsonpath=<path>` of an object that must exist. */
export async function jsonPath(
  session: ConformanceSession,
  kind: string,
  name: string,
  path: string,
): Promise<string> {
  return (await kubectlOk(session, ['get', kind, name, '-o', `jsonpath=${path}`])).stdout;
}

/** Whether `kubectl get` finds the object. */
export async function exists(
  session: ConformanceSession,
  kind: string,
  name: string,
  ...extra: string[]
): Promise<boolean> {
  return (await session.kubectl.run(['get', kind, name, '-o', 'name', ...extra])).exitCode === 0;
}

export interface ApiFailure {
  code: number;
  body: Status | undefined;
}

/** The HTTP status and Status body of a client-node call that must fail. */
export async function apiFailure(call: Promise<unknown>): Promise<ApiFailure> {
  try {
    await call;
  } catch (error) {
    const { code, body } = error as { code?: number; body?: unknown };
    if (typeof code !== 'number') throw error;
    return { code, body: (typeof body === 'string' ? parseJson(body) : body) as Status | undefined };
  }
  throw new Error('the call succeeded where the API server should have refused it');
}

/** `kubectl apply [flags] -f -` with the manifest on stdin, expected to succeed. */
export function applyOk(
  session: ConformanceSession,
  yaml: string,
  ...flags: string[]
): Promise<KubectlResult> {
  return kubectlOk(session, ['apply', ...flags, '-f', '-'], { input: yaml });
}

/** `kubectl apply [flags] -f -` with the manifest on stdin, expected to be refused. */
export function applyFails(
  session: ConformanceSession,
  yaml: string,
  ...flags: string[]
): Promise<KubectlResult> {
  return kubectlFails(session, ['apply', ...flags, '-f', '-'], { input: yaml });
}

/**
 * kube-apiserver answers a path nothing serves with Go's plain-text 404, not a Status, whatever the
 * Accept header; kubectl shows it as "the server could not find the requested resource".
 */
export function expectNoRoute(response: RawResponse): void {
  expect(response.status, response.text).toBe(404);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  expect(response.text).toBe('404 page not found\n');
}
