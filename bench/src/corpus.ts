/**
 * A deterministic, varied corpus of ServersTransportTCP manifests: every field, valid and broken
 * values, so that validation does realistic work on each object.
 */
const DURATIONS = ['30s', '15s', '100ms', '1m30s', '250ms', 10, 0, -1, '1s30', '2h', '"45"', '500us'];
const SERVER_NAMES = ['db.internal.example.com', 'cache.svc', 'mq.example.org'];

export function transportManifest(i: number): string {
  const lines = [
    'apiVersion: traefik.io/v1alpha1',
    'kind: ServersTransportTCP',
    'metadata:',
    `  name: transport-${i}`,
    `  namespace: team-${i % 50}`,
    '  labels:',
    `    app.kubernetes.io/part-of: edge-${i % 7}`,
    'spec:',
    `  dialTimeout: ${DURATIONS[i % DURATIONS.length]}`,
    `  dialKeepAlive: ${DURATIONS[(i + 3) % DURATIONS.length]}`,
  ];
  if (i % 2 === 0) lines.push(`  terminationDelay: ${DURATIONS[(i + 5) % DURATIONS.length]}`);
  if (i % 5 === 0) lines.push('  proxyProtocol:', `    version: ${(i % 2) + 1}`);
  switch (i % 6) {
    case 0:
      lines.push(
        '  tls:',
        `    serverName: ${SERVER_NAMES[i % 3]}`,
        '    rootCAs:',
        '      - secret: internal-ca',
        '      - configMap: corp-ca',
      );
      break;
    case 1:
      lines.push(
        '  tls:',
        `    serverName: ${SERVER_NAMES[i % 3]}`,
        '    certificatesSecrets:',
        '      - client-cert',
      );
      break;
    case 2:
      lines.push(
        '  tls:',
        '    spiffe:',
        '      ids:',
        `        - spiffe://example.org/ns/team-${i % 50}/sa/db`,
      );
      break;
    case 3:
      lines.push('  tls:', '    insecureSkipVerify: true', '    peerCertURI: spiffe://example.org/db');
      break;
    case 4:
      lines.push(
        '  tls:',
        '    rootCAsSecrets:',
        '      - legacy-ca',
        '    rootCAs:',
        '      - secret: a',
        '        configMap: b',
      );
      break;
    default:
      if (i % 12 === 5) lines.push('  foo: bar');
  }
  return lines.join('\n') + '\n';
}

export function transportCorpus(count: number): string {
  return Array.from({ length: count }, (_, i) => transportManifest(i)).join('---\n');
}
