import { BlockList, isIP } from 'node:net';

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/**
 * Webhooks run beside this loopback API server, so only loopback URLs are called. Any other address
 * would let whoever may create a webhook configuration make the server post objects (Secrets included)
 * to the network, metadata endpoints such as 169.254.169.254 among them, around the probe's policy.
 * Names other than `localhost` are refused because what they resolve to can change between the check
 * and the call.
 */
export function loopbackProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return 'must be an absolute http or https URL';
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host)?.[1];
  const family = isIP(mapped ?? host);
  if (family === 4 && loopback.check(mapped ?? host, 'ipv4')) return undefined;
  if (family === 6 && loopback.check(host, 'ipv6')) return undefined;
  return 'this cluster calls only webhooks on loopback (127.0.0.0/8, ::1 or localhost)';
}
