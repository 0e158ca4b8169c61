import type { IngressRouteTCPSpec } from './ingressRouteTCP.js';
import type { ServersTransportTCPSpec } from './serversTransportTCP.js';

/**
 * The field tree of a type, written out as data. The compiler checks that each shape names exactly
 * the fields of its type; a test checks that it names exactly the fields of the CRD schema. Together
 * they keep the TypeScript types and the schema in step.
 */
export type Shape<T> = { [K in keyof Required<T>]-?: ShapeOf<NonNullable<T[K]>> };
export type ShapeOf<V> = V extends readonly (infer I)[]
  ? I extends object
    ? readonly [Shape<I>]
    : 'list'
  : V extends object
    ? Shape<V>
    : 'scalar';

const proxyProtocol = { version: 'scalar' } as const;
const reference = { name: 'scalar', namespace: 'scalar' } as const;

export const serversTransportTCPSpecShape: Shape<ServersTransportTCPSpec> = {
  dialTimeout: 'scalar',
  dialKeepAlive: 'scalar',
  terminationDelay: 'scalar',
  proxyProtocol,
  tls: {
    serverName: 'scalar',
    insecureSkipVerify: 'scalar',
    rootCAs: [{ secret: 'scalar', configMap: 'scalar' }],
    rootCAsSecrets: 'list',
    certificatesSecrets: 'list',
    peerCertURI: 'scalar',
    peerCertSANs: [{ type: 'scalar', value: 'scalar' }],
    spiffe: { ids: 'list', trustDomain: 'scalar' },
  },
};

export const ingressRouteTCPSpecShape: Shape<IngressRouteTCPSpec> = {
  entryPoints: 'list',
  ingressClassName: 'scalar',
  routes: [
    {
      match: 'scalar',
      middlewares: [reference],
      priority: 'scalar',
      services: [
        {
          name: 'scalar',
          namespace: 'scalar',
          nativeLB: 'scalar',
          nodePortLB: 'scalar',
          port: 'scalar',
          proxyProtocol,
          serversTransport: 'scalar',
          terminationDelay: 'scalar',
          tls: 'scalar',
          weight: 'scalar',
        },
      ],
      syntax: 'scalar',
    },
  ],
  tls: {
    certResolver: 'scalar',
    domains: [{ main: 'scalar', sans: 'list' }],
    options: reference,
    passthrough: 'scalar',
    secretName: 'scalar',
    store: reference,
  },
};
