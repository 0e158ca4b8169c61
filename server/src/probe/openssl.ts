import type { TlsPlan } from './buildChecks.js';
import { goParseIP } from './certificates.js';
import { GO_GROUPS, GO_TLS12_SUITES, GO_TLS13_SUITES, hostnameInSNI } from './goTls.js';
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
    '-cipher',
    GO_TLS12_SUITES,
    '-ciphersuites',
    GO_TLS13_SUITES,
    '-groups',
    GO_GROUPS,
  ];
  if (plan.kind === 'tls') {
    const sni = hostnameInSNI(plan.serverName);
    args.push(...(sni ? ['-servername', quote(sni)] : ['-noservername']));
    if (!plan.insecureSkipVerify) {
      if (plan.serverName !== '') {
        const ip = goParseIP(plan.serverName.replace(/^\[(.*)\]$/, '$1'));
        args.push(
          ip ? '-verify_ip' : '-verify_hostname',
          quote(ip ?? plan.serverName.replace(/\.$/, '').toLowerCase()),
        );
      }
      args.push('-verify_return_error');
    }
    // Go trusts every certificate in RootCAs as an anchor, intermediates and pinned leaves included.
    if (plan.prepared.trust !== 'system') args.push('-CAfile', 'rootcas.pem', '-partial_chain');
    if (plan.prepared.clientCertificate) args.push('-cert', 'tls.crt', '-key', 'tls.key');
  } else {
    args.push('-noservername');
  }
  const line = `${args.join(' ')} -brief </dev/null`;
  return proxyProtocol ? `${line}  # openssl cannot send the PROXY header this transport adds first` : line;
}
