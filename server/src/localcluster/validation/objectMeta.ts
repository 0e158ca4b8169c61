import { DNS1123_LABEL_PATTERN, DNS1123_SUBDOMAIN_PATTERN } from '@dialtone/shared';
import type { StatusCause } from '../http/status.js';

const SUBDOMAIN = new RegExp(DNS1123_SUBDOMAIN_PATTERN);
const LABEL = new RegExp(DNS1123_LABEL_PATTERN);

const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/** Namespaces (and Services) need DNS labels; everything else a DNS subdomain. */
export function validateName(name: string, asLabel: boolean): StatusCause[] {
  const field = 'metadata.name';
  const causes: StatusCause[] = [];
  if (asLabel) {
    if (name.length > 63) causes.push(invalid(field, name, 'must be no more than 63 characters'));
    if (!LABEL.test(name)) causes.push(invalid(field, name, LABEL_MESSAGE));
  } else {
    if (name.length > 253) causes.push(invalid(field, name, 'must be no more than 253 characters'));
    if (!SUBDOMAIN.test(name)) causes.push(invalid(field, name, SUBDOMAIN_MESSAGE));
  }
  return causes;
}

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function validateKey(field: string, key: string): StatusCause[] {
  const slash = key.lastIndexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  const bad =
    (prefix !== undefined && (!SUBDOMAIN.test(prefix) || prefix.length > 253)) ||
    name.length > 63 ||
    !QUALIFIED_NAME.test(name);
  return bad
    ? [
        invalid(
          field,
          key,
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        ),
      ]
    : [];
}

export function validateLabels(labels: unknown): StatusCause[] {
  if (labels === undefined) return [];
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) {
    return [
      { reason: 'FieldValueInvalid', field: 'metadata.labels', message: 'Invalid value: must be a map' },
    ];
  }
  const causes: StatusCause[] = [];
  for (const [key, value] of Object.entries(labels)) {
    causes.push(...validateKey('metadata.labels', key));
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
      causes.push(
        invalid(
          'metadata.labels',
          String(value),
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        ),
      );
    }
  }
  return causes;
}

/** The API server's limit on all annotations of an object together, keys and values counted in bytes. */
const TOTAL_ANNOTATION_BYTES = 256 * 1024;

export function validateAnnotations(annotations: unknown): StatusCause[] {
  if (annotations === undefined) return [];
  if (typeof annotations !== 'object' || annotations === null || Array.isArray(annotations)) {
    return [
      { reason: 'FieldValueInvalid', field: 'metadata.annotations', message: 'Invalid value: must be a map' },
    ];
  }
  let total = 0;
  for (const [key, value] of Object.entries(annotations)) {
    total += Buffer.byteLength(key) + Buffer.byteLength(String(value));
  }
  return total > TOTAL_ANNOTATION_BYTES
    ? [
        {
          reason: 'FieldValueTooLong',
          field: 'metadata.annotations',
          message: `Too long: may not be more than ${TOTAL_ANNOTATION_BYTES} bytes`,
        },
      ]
    : [];
}

function invalid(field: string, value: string, message: string): StatusCause {
  return {
    reason: 'FieldValueInvalid',
    field,
    message: `Invalid value: ${JSON.stringify(value)}: ${message}`,
  };
}
