import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { CertificateAuthority } from '../seed/certificates.js';
import { readDataFile, writeFileDurably } from '../durability/dataFiles.js';

/** What the HTTPS listener presents, and the CA clients are told to trust (the kubeconfig carries it). */
export interface ServingMaterial {
  caPem: string;
  certPem: string;
  keyPem: string;
}

const FILES = { caCert: 'ca.crt', caKey: 'ca.key', cert: 'serving.crt', key: 'serving.key' } as const;
const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;
const WILDCARDS = ['0.0.0.0', '::', ''];

/**
 * The names a client may dial: the loopback spellings always, and the bound host when it is a specific
 * one. Go clients (Traefik, kubectl) check the IP SAN against the URL's 127.0.0.1, so IPs go in as IPs.
 */
export function servingNames(host: string): { dnsNames: string[]; ipAddresses: string[] } {
  const dnsNames = ['localhost'];
  const ipAddresses = ['127.0.0.1', '::1'];
  const bare = host.replace(/^\[|\]$/g, '');
  if (!WILDCARDS.includes(bare)) {
    const list = isIP(bare) ? ipAddresses : dnsNames;
    if (!list.includes(bare)) list.push(bare);
  }
  return { dnsNames, ipAddresses };
}

function covers(certPem: string, names: ReturnType<typeof servingNames>): boolean {
  const cert = new X509Certificate(certPem);
  if (Date.parse(cert.validTo) - Date.now() < RENEW_BEFORE_MS) return false;
  return (
    names.dnsNames.every((name) => cert.checkHost(name, { wildcards: false }) !== undefined) &&
    names.ipAddresses.every((ip) => cert.checkIP(ip) !== undefined)
  );
}

function issueServing(ca: CertificateAuthority, names: ReturnType<typeof servingNames>) {
  return ca.issue({ commonName: 'dialtone-cluster', ...names, usage: 'server' });
}

/**
 * A CA and a serving certificate for the bound names. With a data directory both are kept there (0600),
 * so kubeconfigs handed out keep trusting restarts; the serving certificate is reissued from the same
 * CA only when the names change or it nears its end.
 */
export function loadOrCreateServingMaterial(dir: string | undefined, host: string): ServingMaterial {
  const names = servingNames(host);
  if (dir === undefined) {
    const ca = CertificateAuthority.create('dialtone-cluster-ca');
    const serving = issueServing(ca, names);
    return { caPem: ca.pair.certPem, certPem: serving.certPem, keyPem: serving.keyPem };
  }
  const read = (file: string) => readDataFile(join(dir, file));
  const write = (file: string, text: string) => writeFileDurably(join(dir, file), dir, text);
  const caCert = read(FILES.caCert);
  const caKey = read(FILES.caKey);
  let ca: CertificateAuthority;
  let caIsNew = false;
  if (caCert !== undefined && caKey !== undefined) {
    ca = CertificateAuthority.fromPair({ certPem: caCert, keyPem: caKey });
  } else {
    ca = CertificateAuthority.create('dialtone-cluster-ca');
    write(FILES.caKey, ca.pair.keyPem);
    write(FILES.caCert, ca.pair.certPem);
    caIsNew = true;
  }
  let certPem = read(FILES.cert);
  let keyPem = read(FILES.key);
  if (caIsNew || certPem === undefined || keyPem === undefined || !covers(certPem, names)) {
    const serving = issueServing(ca, names);
    ({ certPem, keyPem } = serving);
    write(FILES.key, keyPem);
    write(FILES.cert, certPem);
  }
  return { caPem: ca.pair.certPem, certPem, keyPem };
}
