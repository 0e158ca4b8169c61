/** Errors are answered as `Status` objects worded like the real API server's, so kubectl prints them the same way. */

export interface StatusCause {
  reason?: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface StatusObject {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): StatusObject {
    const status: StatusObject = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) status.details = this.details;
    return status;
  }
}

/**
 * A path nothing serves. kube-apiserver answers it with Go's plain-text `404 page not found`, not a
 * Status, whatever the Accept header; clients show it as "the server could not find the requested resource".
 */
export class NoRouteError extends ApiError {
  constructor() {
    super(404, 'NotFound', 'the server could not find the requested resource');
  }
}

/** Identifies a resource in messages: `serverstransporttcps.traefik.io`, or `secrets` for the core group. */
export interface ResourceRef {
  group: string;
  plural: string;
}

export function groupResource(ref: ResourceRef): string {
  return ref.group ? `${ref.plural}.${ref.group}` : ref.plural;
}

function details(ref: ResourceRef, name: string): StatusDetails {
  const d: StatusDetails = { name, kind: ref.plural };
  if (ref.group) d.group = ref.group;
  return d;
}

export const errors = {
  notFound: (ref: ResourceRef, name: string) =>
    new ApiError(404, 'NotFound', `${groupResource(ref)} "${name}" not found`, details(ref, name)),
  noRoute: () => new NoRouteError(),
  namespaceNotFound: (namespace: string) =>
    new ApiError(404, 'NotFound', `namespaces "${namespace}" not found`, {
      name: namespace,
      kind: 'namespaces',
    }),
  alreadyExists: (ref: ResourceRef, name: string) =>
    new ApiError(409, 'AlreadyExists', `${groupResource(ref)} "${name}" already exists`, details(ref, name)),
  conflict: (ref: ResourceRef, name: string) =>
    new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${groupResource(ref)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      details(ref, name),
    ),
  /** Worded as kube-apiserver's BeforeDelete, which names the Kind (`ServersTransportTCP.traefik.io`). */
  preconditionFailed: (kind: string, group: string, name: string, what: string) =>
    new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${group ? `${kind}.${group}` : kind} "${name}": ${what}`,
      group ? { name, group, kind } : { name, kind },
    ),
  badRequest: (message: string) => new ApiError(400, 'BadRequest', message),
  /** `kind` is the Kind (`ServersTransportTCP`) for CRs and built-ins alike, as the apiserver does. */
  invalid: (kind: string, group: string, name: string, causes: StatusCause[]) => {
    const qualified = group ? `${kind}.${group}` : kind;
    const summary =
      causes.length === 1
        ? `${causes[0]?.field}: ${causes[0]?.message}`
        : `[${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}]`;
    const d: StatusDetails = { name, kind, causes };
    if (group) d.group = group;
    return new ApiError(422, 'Invalid', `${qualified} "${name}" is invalid: ${summary}`, d);
  },
  unsupportedMediaType: (accepted: string[]) =>
    new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
    ),
  notAcceptable: (accepted: string[]) =>
    new ApiError(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`),
  methodNotAllowed: () =>
    new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'),
  expired: (message: string) => new ApiError(410, 'Expired', message),
  unauthorized: () => new ApiError(401, 'Unauthorized', 'Unauthorized'),
  forbidden: (message: string, ref?: ResourceRef, name?: string) => {
    const d: StatusDetails = {};
    if (ref) {
      d.kind = ref.plural;
      if (ref.group) d.group = ref.group;
    }
    if (name) d.name = name;
    return new ApiError(403, 'Forbidden', message, ref ? d : undefined);
  },
  internal: (message: string) => new ApiError(500, 'InternalError', `Internal error occurred: ${message}`),
};
