import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, errors } from './status.js';
import { decodeKubernetesProtobuf, ProtobufError } from '../protobuf/decode.js';

const MAX_BODY_BYTES = 3 * 1024 * 1024;

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The media type without parameters, lower-cased: `application/json; charset=utf-8` → `application/json`. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function parseJson(body: Buffer, what: string): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (error) {
    throw errors.badRequest(
      `the body of the request could not be decoded as ${what}: ${(error as Error).message}`,
    );
  }
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
  if (contentType === '' || contentType === 'application/json' || contentType === '*/*')
    return parseJson(body, 'JSON');
  const accepted = ['application/json', 'application/yaml'];
  if (protobufAllowed) accepted.push(PROTOBUF);
  throw errors.unsupportedMediaType(accepted);
}

export function parseYamlBody(body: Buffer): unknown {
  try {
    return parseYaml(body.toString('utf8')) as unknown;
  } catch (error) {
    throw errors.badRequest(
      `the body of the request could not be decoded as YAML: ${(error as Error).message}`,
    );
  }
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
