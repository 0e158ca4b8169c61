import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { checkServerIdentity } from 'node:tls';
import { KubeConfig } from '@kubernetes/client-node';

/** Where a raw HTTPS request goes: the cluster's URL, the CA that signed it, and whose token to send. */
export interface ClusterEndpoint {
  url: string;
  ca: string;
  /** Sent as `Authorization: Bearer`; omit for an anonymous request. */
  token?: string;
}

export interface ClusterRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
}

export interface ClusterAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** The current context's server, CA and token, as kubectl and client-go read them. */
export function endpointFromKubeconfig(kubeconfig: string): ClusterEndpoint {
  const config = new KubeConfig();
  config.loadFromString(kubeconfig);
  const cluster = config.getCurrentCluster();
  const token = config.getCurrentUser()?.token;
  if (!cluster?.caData) throw new Error('the kubeconfig names no certificate-authority-data for its cluster');
  return {
    url: cluster.server,
    ca: Buffer.from(cluster.caData, 'base64').toString('utf8'),
    ...(token ? { token } : {}),
  };
}

/**
 * Opens a request verifying the server against the endpoint's CA, and resolves with the response as
 * soon as its headers arrive (for watches); the caller reads or destroys it.
 */
export function openClusterRequest(
  endpoint: ClusterEndpoint,
  path: string,
  init: ClusterRequestInit = {},
): Promise<IncomingMessage> {
  const headers: Record<string, string> = {
    ...(endpoint.token !== undefined ? { authorization: `Bearer ${endpoint.token}` } : {}),
    // Node frames a DELETE body only when told its length.
    ...(init.body !== undefined ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}),
    ...Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  const target = new URL(path, endpoint.url);
  const dialled = target.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const req = request(target, {
      method: init.method ?? 'GET',
      headers,
      ca: endpoint.ca,
      // The certificate is checked against the address dialled, as Go clients do, even when a test
      // sends another Host header.
      checkServerIdentity: (_host, cert) => checkServerIdentity(dialled, cert),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.end(init.body);
  });
}

function headersOf(res: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/** One whole request and answer; `json` is undefined when the body is not JSON. */
export async function clusterRequest(
  endpoint: ClusterEndpoint,
  path: string,
  init: ClusterRequestInit = {},
): Promise<ClusterAnswer> {
  const res = await openClusterRequest(endpoint, path, init);
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode ?? 0, headers: headersOf(res), text, json };
}
