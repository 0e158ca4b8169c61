import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/** A certificate and its key in PEM, made for one run of the judges; nothing is committed. */
export interface Pem {
  cert: string;
  key: string;
}

export interface LeafOptions {
  commonName: string;
  dns?: string[];
  ips?: string[];
  uris?: string[];
  /** Days from now; negative values make certificates that expired or are not valid yet. */
  notBeforeDays?: number;
  notAfterDays?: number;
  client?: boolean;
}

const DAY = 86_400_000;

function keyPair() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(key) as forge.pki.rsa.PrivateKey;
  return { key, forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

/** An issuing authority: a root, or an intermediate under another authority. */
export class Authority {
  private constructor(
    private readonly cert: forge.pki.Certificate,
    private readonly forgeKey: forge.pki.rsa.PrivateKey,
    readonly pem: Pem,
  ) {}

  static root(commonName: string): Authority {
    return Authority.make(commonName);
  }

  intermediate(commonName: string): Authority {
    return Authority.make(commonName, this);
  }

  private static make(commonName: string, issuer?: Authority): Authority {
    const { key, forgeKey, publicKey } = keyPair();
    const cert = forge.pki.createCertificate();
    cert.publicKey = publicKey;
    cert.serialNumber = serialNumber();
    cert.validity.notBefore = new Date(Date.now() - DAY);
    cert.validity.notAfter = new Date(Date.now() + 365 * DAY);
    cert.setSubject([{ name: 'commonName', value: commonName }]);
    cert.setIssuer(issuer ? issuer.cert.subject.attributes : [{ name: 'commonName', value: commonName }]);
    cert.setExtensions([
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ]);
    cert.sign(issuer ? issuer.forgeKey : forgeKey, forge.md.sha256.create());
    return new Authority(cert, forgeKey, { cert: forge.pki.certificateToPem(cert), key });
  }

  issue(options: LeafOptions): Pem {
    const { key, publicKey } = keyPair();
    const cert = forge.pki.createCertificate();
    cert.publicKey = publicKey;
    cert.serialNumber = serialNumber();
    cert.validity.notBefore = new Date(Date.now() + (options.notBeforeDays ?? -1) * DAY);
    cert.validity.notAfter = new Date(Date.now() + (options.notAfterDays ?? 30) * DAY);
    cert.setSubject([{ name: 'commonName', value: options.commonName }]);
    cert.setIssuer(this.cert.subject.attributes);
    const altNames = [
      ...(options.dns ?? []).map((value) => ({ type: 2, value })),
      ...(options.uris ?? []).map((value) => ({ type: 6, value })),
      ...(options.ips ?? []).map((ip) => ({ type: 7, ip })),
    ];
    const extensions: object[] = [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: !options.client, clientAuth: Boolean(options.client) },
    ];
    if (altNames.length > 0) extensions.push({ name: 'subjectAltName', altNames });
    cert.setExtensions(extensions);
    cert.sign(this.forgeKey, forge.md.sha256.create());
    return { cert: forge.pki.certificateToPem(cert), key };
  }
}

function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}
