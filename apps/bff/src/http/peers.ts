/**
 * Who is on the other end: TCP peers, the proxies trusted to say who the client is, and the
 * client's address as the BFF records and limits it.
 */
import type { Request } from 'express';
import { BlockList, isIP } from 'node:net';

/** The peer's address as an IP: `::ffff:10.0.0.1` (IPv4-mapped IPv6) becomes `10.0.0.1`. */
export function normalizePeer(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  const ip = mapped?.[1] ?? address;
  return isIP(ip) === 0 ? undefined : ip;
}

/** Whether a peer address is one of the trusted proxies (`TRUSTED_PROXY_CIDRS`). */
export function proxyTrust(cidrs: readonly string[]): (address: string | undefined) => boolean {
  const trusted = new BlockList();
  for (const entry of cidrs) {
    const [rawAddress = '', bits] = entry.split('/');
    const address = bits === undefined ? (normalizePeer(rawAddress) ?? rawAddress) : rawAddress;
    const family = isIP(address);
    if (family === 0) throw new Error(`TRUSTED_PROXY_CIDRS: ${entry} is not an IP or CIDR`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) trusted.addAddress(address, type);
    else trusted.addSubnet(address, Number(bits), type);
  }
  return (address) => {
    const peer = normalizePeer(address);
    if (peer === undefined) return false;
    try {
      return trusted.check(peer, isIP(peer) === 4 ? 'ipv4' : 'ipv6');
    } catch {
      // An address BlockList cannot parse (a zone id, say) is not a trusted proxy.
      return false;
    }
  };
}

/**
 * The client's address: what the trusted proxies say (`req.ip`, from `X-Forwarded-For` within
 * `TRUST_PROXY_HOPS` hops of peers in `TRUST_PROXY_CIDRS`), when that is an IP address at all;
 * else the TCP peer. Never free text a client wrote.
 */
export function clientAddress(req: Request): string {
  return normalizePeer(req.ip) ?? normalizePeer(req.socket.remoteAddress) ?? '0.0.0.0';
}

/**
 * Express's `trust proxy`: believe `X-Forwarded-For` for at most `hops` hops, and only from
 * peers in `cidrs` (the proxies), so that nobody who reaches the BFF directly chooses their own
 * address.
 */
export function trustedProxies(
  hops: number,
  cidrs: readonly string[],
): false | ((address: string, hop: number) => boolean) {
  if (hops === 0) return false;
  const trusted = proxyTrust(cidrs);
  return (address, hop) => hop < hops && trusted(address);
}
