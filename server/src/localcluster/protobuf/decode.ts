import { removeKey } from '../types.js';
import type { Field } from './wire.js';
import { ProtobufError, readFields } from './wire.js';
import type { FieldSpec, MessageSchema } from './messages.js';
import { KIND_SCHEMAS } from './messages.js';

export { ProtobufError } from './wire.js';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

function text(field: Field): string {
  return (field.bytes ?? Buffer.alloc(0)).toString('utf8');
}

function intValue(field: Field): number {
  const raw = field.int ?? 0n;
  // int32/int64 negatives arrive as 64-bit two's complement varints.
  return Number(BigInt.asIntN(64, raw));
}

function decodeValue(field: Field, spec: FieldSpec): unknown {
  const type = spec.type;
  if (type === 'string') return text(field);
  if (type === 'bytes') return (field.bytes ?? Buffer.alloc(0)).toString('base64');
  if (type === 'int') return intValue(field);
  if (type === 'bool') return (field.int ?? 0n) !== 0n;
  if (type === 'time') {
    const parts = readFields(field.bytes ?? Buffer.alloc(0));
    const seconds = parts.find((p) => p.number === 1);
    return new Date((seconds ? intValue(seconds) : 0) * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  }
  if ('message' in type) return decodeMessage(field.bytes ?? Buffer.alloc(0), type.message);
  const entry = readFields(field.bytes ?? Buffer.alloc(0));
  const key = entry.find((e) => e.number === 1);
  const value = entry.find((e) => e.number === 2);
  const decodedValue =
    type.map === 'bytes' ? (value?.bytes ?? Buffer.alloc(0)).toString('base64') : value ? text(value) : '';
  return [key ? text(key) : '', decodedValue];
}

function isEmpty(value: unknown): boolean {
  if (value === '' || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length === 0;
  return false;
}

export function decodeMessage(buffer: Buffer, schema: MessageSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of readFields(buffer)) {
    const spec = schema[field.number];
    if (!spec) continue;
    const value = decodeValue(field, spec);
    if (typeof spec.type === 'object' && 'map' in spec.type) {
      const [k, v] = value as [string, string];
      const map = (out[spec.name] as Record<string, string> | undefined) ?? {};
      map[k] = v;
      out[spec.name] = map;
    } else if (spec.repeated) {
      const list = (out[spec.name] as unknown[] | undefined) ?? [];
      list.push(value);
      out[spec.name] = list;
    } else out[spec.name] = value;
  }
  // kubectl writes zero values explicitly; the JSON form omits them.
  for (const [key, value] of Object.entries(out)) if (isEmpty(value)) removeKey(out, key);
  return out;
}

/** IntOrString arrives as `{type, intVal, strVal}`; JSON carries the bare value. */
function flattenIntOrString(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(flattenIntOrString);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(record)) {
    if (key === 'targetPort' && typeof child === 'object' && child !== null) {
      const ios = child as { type?: number; intVal?: number; strVal?: string };
      out[key] = ios.type === 1 ? ios.strVal : (ios.intVal ?? 0);
    } else out[key] = flattenIntOrString(child);
  }
  return out;
}

/** Decodes a `k8s\0`-prefixed runtime.Unknown envelope into the JSON form of the object. */
export function decodeKubernetesProtobuf(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) {
    throw new ProtobufError('the body does not start with the Kubernetes protobuf prefix k8s\\0');
  }
  const envelope = readFields(body.subarray(4));
  const typeMetaField = envelope.find((f) => f.number === 1);
  const raw = envelope.find((f) => f.number === 2)?.bytes ?? Buffer.alloc(0);
  const typeMeta = typeMetaField ? readFields(typeMetaField.bytes ?? Buffer.alloc(0)) : [];
  const apiVersionField = typeMeta.find((f) => f.number === 1);
  const kindField = typeMeta.find((f) => f.number === 2);
  const apiVersion = apiVersionField ? text(apiVersionField) : '';
  const kind = kindField ? text(kindField) : '';
  const schema = KIND_SCHEMAS[`${apiVersion}/${kind}`];
  if (!schema)
    throw new ProtobufError(`protobuf bodies are not supported for ${apiVersion}, Kind=${kind}; send JSON`);
  return { apiVersion, kind, ...(flattenIntOrString(decodeMessage(raw, schema)) as Record<string, unknown>) };
}
