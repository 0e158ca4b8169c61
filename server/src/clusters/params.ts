import { DNS1123_LABEL_PATTERN, DNS1123_SUBDOMAIN_PATTERN } from '@dialtone/shared';
import { HttpError } from '../http/index.js';

const LABEL = new RegExp(DNS1123_LABEL_PATTERN);
const SUBDOMAIN = new RegExp(DNS1123_SUBDOMAIN_PATTERN);

// The parameters are echoed in messages only after they pass, so a hostile value is never reflected.
export function namespaceParam(value: unknown, what = 'namespace'): string {
  if (typeof value !== 'string' || value.length > 63 || !LABEL.test(value)) {
    throw new HttpError(
      400,
      'bad_request',
      `The ${what} is not a valid Kubernetes namespace name (lowercase letters, digits and "-", at most 63 characters).`,
    );
  }
  return value;
}

export function nameParam(value: unknown, what = 'name'): string {
  if (typeof value !== 'string' || value.length > 253 || !SUBDOMAIN.test(value)) {
    throw new HttpError(
      400,
      'bad_request',
      `The ${what} is not a valid Kubernetes object name (lowercase letters, digits, "-" and ".", at most 253 characters).`,
    );
  }
  return value;
}

/** An optional `?namespace=`: absent or empty means all namespaces. */
export function optionalNamespaceQuery(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  return namespaceParam(value, 'namespace query parameter');
}

export function optionalNameQuery(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  return nameParam(value, 'name query parameter');
}

export function booleanQuery(value: unknown): boolean {
  return value === 'true' || value === '1' || value === 'All';
}
