import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isPlainObject } from '../types.js';
import type { ValidatingWebhook } from './configuration.js';
import { loopbackProblem } from './loopback.js';

/** The most of a webhook's answer that is read; a misbehaving webhook cannot make the server buffer more. */
const MAX_RESPONSE_BYTES = 3 * 1024 * 1024;

export type WebhookAnswer =
  | { outcome: 'allowed'; warnings: string[] }
  | { outcome: 'denied'; code?: number; reason?: string; message?: string }
  /** The call itself failed; `message` is worded like the API server's `failed to call webhook` text. */
  | { outcome: 'failed'; message: string };

interface Review {
  request: { uid: string };
}

function post(webhook: ValidatingWebhook, url: URL, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        ...(webhook.ca !== undefined ? { ca: webhook.ca } : {}),
        signal: AbortSignal.timeout(webhook.timeoutSeconds * 1000),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) req.destroy(new Error('response body too large'));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300) resolve(text);
          else reject(new Error(`the server responded with status ${res.statusCode ?? 0}`));
        });
        res.on('error', reject);
      },
    );
    req.on('error', (error: Error) =>
      reject(
        error.name === 'TimeoutError' || error.name === 'AbortError'
          ? new Error('context deadline exceeded')
          : error,
      ),
    );
    req.end(body);
  });
}

function answerOf(text: string, uid: string): WebhookAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { outcome: 'failed', message: 'received invalid webhook response: the body is not JSON' };
  }
  const response =
    isPlainObject(parsed) && isPlainObject(parsed['response']) ? parsed['response'] : undefined;
  if (!response) return { outcome: 'failed', message: 'webhook response was absent' };
  if (response['uid'] !== uid) {
    return {
      outcome: 'failed',
      message: `expected response.uid="${uid}", got "${String(response['uid'] ?? '')}"`,
    };
  }
  if (response['allowed'] === true) {
    const warnings = Array.isArray(response['warnings'])
      ? response['warnings'].filter((w): w is string => typeof w === 'string')
      : [];
    return { outcome: 'allowed', warnings };
  }
  const status = isPlainObject(response['status']) ? response['status'] : {};
  return {
    outcome: 'denied',
    code: typeof status['code'] === 'number' ? status['code'] : undefined,
    reason: typeof status['reason'] === 'string' ? status['reason'] : undefined,
    message: typeof status['message'] === 'string' ? status['message'] : undefined,
  };
}

/** Sends one AdmissionReview and reads the verdict; never throws. */
export async function callWebhook(webhook: ValidatingWebhook, review: Review): Promise<WebhookAnswer> {
  // Configurations stored before loopback was required may still name another address.
  const problem = loopbackProblem(webhook.url);
  if (problem !== undefined) {
    return { outcome: 'failed', message: `refused to call webhook at "${webhook.url}": ${problem}` };
  }
  const url = new URL(webhook.url);
  url.searchParams.set('timeout', `${webhook.timeoutSeconds}s`);
  try {
    return answerOf(await post(webhook, url, JSON.stringify(review)), review.request.uid);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { outcome: 'failed', message: `failed to call webhook: Post "${url.href}": ${why}` };
  }
}
