import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/** A certificate and its private key, both PEM. Generated at seed time; no key is ever committed. */
export interface KeyPair {
  certPem: string;
  keyPem: string;
}

export interface CertificateRequest {
  commonName: string;
  dnsNames?: string[];
  ipAddresses?: string[];
  uris?: string[];
  notBefore?: Date;
  notAfter?: Date;
  usage: 'server' | 'client';
}

const DAY = 24 * 60 * 60 * 1000;

function newKey(): {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  keyPem: string;
} {
  // Node generates the key natively (fast); forge only assembles and signs the certificate.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  return { privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), keyPem };
}

function serial(): string {
  // Positive 16-byte serial: clear the top bit so DER does not read it as negative.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

export class CertificateAuthority {
  private constructor(
    private readonly cert: forge.pki.Certificate,
    private readonly key: forge.pki.rsa.PrivateKey,
    readonly pair: KeyPair,
  ) {}

  /** An authority made earlier (kept in a data directory), to issue more certificates from. */
  static fromPair(pair: KeyPair): CertificateAuthority {
    const cert = forge.pki.certificateFromPem(pair.certPem);
    const key = forge.pki.privateKeyFromPem(pair.keyPem) as forge.pki.rsa.PrivateKey;
    return new CertificateAuthority(cert, key, pair);
  }

  static create(commonName: string): CertificateAuthority {
    const { privateKey, publicKey, keyPem } = newKey();
    const cert = forge.pki.createCertificate();
    cert.publicKey = publicKey;
    cert.serialNumber = serial();
    cert.validity.notBefore = new Date(Date.now() - DAY);
    cert.validity.notAfter = new Date(Date.now() + 3650 * DAY);
    const subject = [
      { name: 'commonName', value: commonName },
      { name: 'organizationName', value: 'Dialtone demo' },
    ];
    cert.setSubject(subject);
    cert.setIssuer(subject);
    cert.setExtensions([
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ]);
    cert.sign(privateKey, forge.md.sha256.create());
    return new CertificateAuthority(cert, privateKey, { certPem: forge.pki.certificateToPem(cert), keyPem });
  }

  issue(request: CertificateRequest): KeyPair {
    const { publicKey, keyPem } = newKey();
    const cert = forge.pki.createCertificate();
    cert.publicKey = publicKey;
    cert.serialNumber = serial();
    cert.validity.notBefore = request.notBefore ?? new Date(Date.now() - DAY);
    cert.validity.notAfter = request.notAfter ?? new Date(Date.now() + 825 * DAY);
    cert.setSubject([{ name: 'commonName', value: request.commonName }]);
    cert.setIssuer(this.cert.subject.attributes);
    const altNames = [
      ...(request.dnsNames ?? []).map((value) => ({ type: 2, value })),
      ...(request.uris ?? []).map((value) => ({ type: 6, value })),
      ...(request.ipAddresses ?? []).map((ip) => ({ type: 7, ip })),
    ];
    const extensions: object[] = [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      request.usage === 'server'
        ? { name: 'extKeyUsage', serverAuth: true }
        : { name: 'extKeyUsage', clientAuth: true },
      { name: 'authorityKeyIdentifier', keyIdentifier: this.cert.generateSubjectKeyIdentifier().getBytes() },
    ];
    if (altNames.length > 0) extensions.push({ name: 'subjectAltName', altNames });
    cert.setExtensions(extensions);
    cert.sign(this.key, forge.md.sha256.create());
    return { certPem: forge.pki.certificateToPem(cert), keyPem };
  }
}
