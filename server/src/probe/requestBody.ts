import type { ProbeRequest, ProbeTarget, ServersTransportTCPSpec } from '@dialtone/shared';
import { ProbeRequestError } from './targets.js';

const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bad(message: string): never {
  throw new ProbeRequestError(400, 'bad_request', message);
}

function name(value: unknown, what: string): string {
  if (typeof value !== 'string' || !NAME.test(value))
    bad(`${what} must be a Kubernetes name (lowercase letters, digits, "-" and ".").`);
  return value;
}

function target(value: unknown, index: number): ProbeTarget {
  if (!isObject(value)) bad(`targets[${index}] must be an object with "address" or "service".`);
  if (value['tls'] !== undefined && typeof value['tls'] !== 'boolean')
    bad(`targets[${index}].tls must be true or false.`);
  const tls = value['tls'] === true;
  if (typeof value['address'] === 'string') return { address: value['address'], tls };
  const service = value['service'];
  if (isObject(service)) {
    const port = service['port'];
    if (
      !(typeof port === 'number' && Number.isInteger(port)) &&
      !(typeof port === 'string' && /^[a-z0-9-]{1,63}$/.test(port))
    ) {
      bad(`targets[${index}].service.port must be a port number or a port name.`);
    }
    return {
      service: {
        namespace: name(service['namespace'], `targets[${index}].service.namespace`),
        name: name(service['name'], `targets[${index}].service.name`),
        port,
      },
      tls,
      ...(typeof value['nativeLB'] === 'boolean' ? { nativeLB: value['nativeLB'] } : {}),
    };
  }
  bad(`targets[${index}] must have "address": "host:port" or "service": {namespace, name, port}.`);
}

/** Checks the shape of a probe request; the draft spec itself is judged by Traefik's rules later, not here. */
export function parseProbeRequest(body: unknown): ProbeRequest {
  if (!isObject(body)) bad('The body must be a JSON object with "transport" and "targets".');
  const transport = body['transport'];
  if (!isObject(transport)) bad('"transport" must be {namespace, name} or {namespace, spec}.');
  const namespace = name(transport['namespace'], 'transport.namespace');
  let parsedTransport: ProbeRequest['transport'];
  if (transport['spec'] !== undefined) {
    if (!isObject(transport['spec'])) bad('transport.spec must be an object.');
    parsedTransport = { namespace, spec: transport['spec'] as ServersTransportTCPSpec };
  } else {
    parsedTransport = { namespace, name: name(transport['name'], 'transport.name') };
  }
  const targets = body['targets'];
  if (targets === 'usage') return { transport: parsedTransport, targets: 'usage' };
  if (!Array.isArray(targets)) bad('"targets" must be a list of targets or "usage".');
  if (targets.length > 1000) bad('Too many targets.');
  return { transport: parsedTransport, targets: targets.map((t, i) => target(t, i)) };
}
