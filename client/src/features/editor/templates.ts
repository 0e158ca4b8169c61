export interface Template {
  id: string;
  label: string;
  text(namespace: string): string;
}

const head = (name: string, namespace: string, what: string) => `# ${what}
apiVersion: traefik.io/v1alpha1
kind: ServersTransportTCP
metadata:
  name: ${name}
  namespace: ${namespace}
`;

/** Starting points for the usual cases; every one passes the shared validator as written. */
export const TEMPLATES: Template[] = [
  {
    id: 'tcp',
    label: 'Plain TCP',
    text: (ns) => `${head('plain-tcp', ns, 'Plain TCP to the backends, with explicit timeouts.')}spec:
  dialTimeout: 30s
  dialKeepAlive: 15s
  terminationDelay: 100ms
`,
  },
  {
    id: 'tls',
    label: 'TLS with a CA',
    text: (
      ns,
    ) => `${head('tls-backend', ns, 'TLS to the backends, verified against a CA from a Secret.')}spec:
  tls:
    # The name the backend's certificate is issued for.
    serverName: backend.${ns}.svc
    rootCAs:
      - secret: backend-ca # needs a tls.ca or ca.crt key
`,
  },
  {
    id: 'mtls',
    label: 'Mutual TLS',
    text: (
      ns,
    ) => `${head('mtls-backend', ns, 'Mutual TLS: verify the backend and present a client certificate.')}spec:
  tls:
    serverName: backend.${ns}.svc
    rootCAs:
      - secret: backend-ca
    certificatesSecrets:
      - client-cert # a kubernetes.io/tls Secret with tls.crt and tls.key
`,
  },
  {
    id: 'spiffe',
    label: 'SPIFFE',
    text: (
      ns,
    ) => `${head('spiffe-backend', ns, 'SPIFFE: Traefik needs its SPIFFE workload API configured.')}spec:
  tls:
    spiffe:
      trustDomain: spiffe://example.org
`,
  },
  {
    id: 'insecure',
    label: 'Lab: skip certificate checks',
    text: (
      ns,
    ) => `${head('lab-insecure', ns, 'For a lab only: TLS without verifying the backend certificate.')}spec:
  tls:
    insecureSkipVerify: true
`,
  },
];

export function templateById(id: string): Template {
  return TEMPLATES.find((t) => t.id === id) ?? TEMPLATES[1]!;
}

/** A template's text for a given name, e.g. the transport a dangling route reference names. */
export function templateText(template: Template, namespace: string, name?: string): string {
  const text = template.text(namespace);
  return name ? text.replace(/^ {2}name: .*$/m, `  name: ${name}`) : text;
}
