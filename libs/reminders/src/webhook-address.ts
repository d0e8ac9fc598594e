import ipaddr from 'ipaddr.js';
import { lookup } from 'node:dns';
import { lookup as lookupAll } from 'node:dns/promises';
import { isIP, LookupFunction } from 'node:net';

/**
 * Webhooks are requests the engine makes on a settings writer's behalf: pointed at 127.0.0.1:6379,
 * a cloud metadata service (169.254.169.254) or the office network, they would reach what the
 * internet cannot (server-side request forgery). So they go to public unicast addresses only,
 * unless the deployment allows private networks (`WEBHOOK_ALLOW_PRIVATE_NETWORKS=true`, for an
 * on-premises receiver).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // process() reads an IPv4-mapped IPv6 address (::ffff:127.0.0.1) as the IPv4 address it is.
  return ipaddr.process(address).range() === 'unicast';
}

/** The host a URL names, an IPv6 address without its brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/** Why a webhook URL may not be used, or null when it may; names the address it resolved to. */
export async function webhookUrlProblem(url: string, allowPrivate: boolean): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must be an http(s) URL';
  if (allowPrivate) return null;
  const host = hostOf(parsed);
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookupAll(host, { all: true })).map((found) => found.address);
  } catch {
    return `names a host that does not resolve (${host})`;
  }
  const inner = addresses.find((address) => !isPublicAddress(address));
  return inner
    ? `reaches ${inner}, a loopback, link-local or private address; webhooks go to public addresses only`
    : null;
}

/**
 * A DNS lookup for outgoing webhook connections that refuses private answers: the address is
 * checked as the connection is made, so a name that resolved to a public address when the
 * settings were saved cannot be pointed inwards later (DNS rebinding).
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, found) => {
    if (error) return callback(error, '', 0);
    const inner = found.find((entry) => !isPublicAddress(entry.address));
    if (inner)
      return callback(
        Object.assign(
          new Error(`webhook host ${hostname} resolves to ${inner.address}, which is not public`),
          {
            code: 'EPRIVATEADDRESS',
          },
        ),
        '',
        0,
      );
    if (options.all) return callback(null, found as never);
    callback(null, found[0].address, found[0].family);
  });
};
