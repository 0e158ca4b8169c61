import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, errors } from './status.js';
import { decodeKubernetesProtobuf, ProtobufError } from '../protobuf/decode.js';
import { isPlainObject } from '../types.js';

const MAX_BODY_BYTES = 3 * 1024 * 1024;

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';

/** What V8 throws when a recursive walk runs out of stack. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function tooLarge(): ApiError {
  return new ApiError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_BODY_BYTES}`);
}

/**
 * The body, up to 3 MiB as kube-apiserver allows. A larger one is refused with 413 and the rest is left
 * to Node, which reads and drops it after the answer, so the client reads a Status instead of a reset.
 */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.off('data', onData);
        chunks.length = 0;
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * kube-apiserver's decoders stop at 10,000 levels; this server's validation, patches and apply walk
 * objects recursively and overflow the stack between 1,000 and 2,000, so it stops at 500 (a transport
 * nests 5 deep). Deeper input is a 400, never a 500.
 */
export const MAX_DEPTH = 500;

/** Walks without recursion, so the check itself cannot overflow the stack. */
function checkDepth(value: unknown, what: string): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > MAX_DEPTH) {
      throw errors.badRequest(
        `the body of the request could not be decoded as ${what}: it nests deeper than ${MAX_DEPTH} levels`,
      );
    }
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
}

/** The media type without parameters, lower-cased: `application/json; charset=utf-8` → `application/json`. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function parseJson(body: Buffer, what: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8')) as unknown;
  } catch (error) {
    throw errors.badRequest(
      `the body of the request could not be decoded as ${what}: ${(error as Error).message}`,
    );
  }
  checkDepth(value, what);
  return value;
}

/** Decodes a create/update body: JSON, YAML, or for built-in kinds the Kubernetes protobuf envelope. */
export function decodeObjectBody(body: Buffer, contentType: string, protobufAllowed: boolean): unknown {
  if (body.length === 0) throw errors.badRequest('the request needs a body: the object to write');
  if (contentType === PROTOBUF) {
    if (!protobufAllowed) throw errors.unsupportedMediaType(['application/json', 'application/yaml']);
    try {
      return decodeKubernetesProtobuf(body);
    } catch (error) {
      if (error instanceof ProtobufError)
        throw errors.badRequest(`could not decode the protobuf body: ${error.message}`);
      throw error;
    }
  }
  if (contentType === 'application/yaml') return parseYamlBody(body);
  if (contentType === 'application/json') return parseJson(body, 'JSON');
  const accepted = ['application/json', 'application/yaml'];
  if (protobufAllowed) accepted.push(PROTOBUF);
  throw errors.unsupportedMediaType(accepted);
}

/**
 * kube-apiserver reads YAML by converting it to JSON (sigs.k8s.io/yaml): a `!!binary` scalar becomes the
 * string of its decoded bytes, not a byte array (which would be stored as an object of numbers).
 */
function jsonCompatible(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  // Only changed entries are written back, so no key (not even `__proto__`) is ever assigned needlessly.
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const next = jsonCompatible(item);
      if (next !== item) value[i] = next;
    });
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const next = jsonCompatible(item);
      if (next !== item)
        Object.defineProperty(value, key, {
          value: next,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
  }
  return value;
}

export function parseYamlBody(body: Buffer): unknown {
  let value: unknown;
  try {
    value = parseYaml(body.toString('utf8')) as unknown;
  } catch (error) {
    const why = isStackOverflow(error)
      ? `it nests deeper than ${MAX_DEPTH} levels`
      : (error as Error).message;
    throw errors.badRequest(`the body of the request could not be decoded as YAML: ${why}`);
  }
  checkDepth(value, 'YAML');
  return jsonCompatible(value);
}

export interface AcceptedMedia {
  table?: { version: 'v1' | 'v1beta1' };
  discovery?: 'v2' | 'v2beta1';
  /** False when the client accepts only media types this server cannot produce. */
  jsonOk: boolean;
}

/** Reads the few Accept forms kubectl and client-node send. */
export function parseAccept(header: string | undefined): AcceptedMedia {
  const result: AcceptedMedia = { jsonOk: false };
  if (!header) return { jsonOk: true };
  for (const part of header.split(',')) {
    const [type = '', ...params] = part.split(';').map((p) => p.trim());
    const map = new Map(params.map((p) => p.split('=').map((x) => x.trim()) as [string, string]));
    const as = map.get('as');
    const lower = type.toLowerCase();
    if (lower === 'application/json' || lower === '*/*' || lower === 'application/*') {
      if (as === 'Table' && map.get('g') === 'meta.k8s.io') {
        const version = map.get('v');
        if ((version === 'v1' || version === 'v1beta1') && !result.table) result.table = { version };
      } else if (as === 'APIGroupDiscoveryList' && map.get('g') === 'apidiscovery.k8s.io') {
        const version = map.get('v');
        if (version === 'v2') result.discovery = 'v2';
        else if (version === 'v2beta1' && !result.discovery) result.discovery = 'v2beta1';
      } else if (as === undefined) result.jsonOk = true;
    } else if (lower === PROTOBUF) {
      // Answered in JSON anyway when JSON is also acceptable.
    }
  }
  if (result.table || result.discovery) result.jsonOk = true;
  return result;
}
