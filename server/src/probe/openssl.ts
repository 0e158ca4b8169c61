import type { TlsPlan } from './buildChecks.js';
import { joinHostPort } from './targetAddress.js';

function quote(value: string): string {
  return /^[A-Za-z0-9@%_+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `openssl s_client` line that repeats the handshake Traefik would make: the same SNI, trust,
 * client certificate and versions. File names stand for the material; the probe never writes it out.
 */
export function opensslCommand(host: string, port: number, plan: TlsPlan, proxyProtocol: boolean): string {
  const args = [
    'openssl',
    's_client',
    '-connect',
    quote(joinHostPort(host, port)),
    '-no_ssl3',
    '-no_tls1',
    '-no_tls1_1',
  ];
  if (plan.kind === 'tls') {
    const sni = plan.serverName !== '' && !/^[0-9.]+$|:/.test(plan.serverName);
    args.push(...(sni ? ['-servername', quote(plan.serverName)] : ['-noservername']));
    if (!plan.insecureSkipVerify) {
      if (plan.serverName !== '')
        args.push(
          /^[0-9.]+$|:/.test(plan.serverName) ? '-verify_ip' : '-verify_hostname',
          quote(plan.serverName),
        );
      args.push('-verify_return_error');
    }
    if (plan.prepared.trust !== 'system') args.push('-CAfile', 'rootcas.pem');
    if (plan.prepared.clientCertificate) args.push('-cert', 'tls.crt', '-key', 'tls.key');
  } else {
    args.push('-noservername');
  }
  const line = `${args.join(' ')} -brief </dev/null`;
  return proxyProtocol ? `${line}  # openssl cannot send the PROXY header this transport adds first` : line;
}
