/**
 * The address people in the room use to join. A facilitator who opened the board as localhost must not hand
 * out localhost links: the server answers with this machine's LAN address instead (or PUBLIC_URL, which
 * always wins), and says in words when other devices cannot reach the links it gives.
 */
import os from 'node:os';

/** The base URL for links given to other devices, and why they might not work. */
export interface RoomAddress {
  /** scheme://host[:port][/path], no trailing slash */
  baseUrl: string;
  /** set when other devices cannot open baseUrl: what is wrong and what to do, for the facilitator */
  problem?: string;
}

/** What decides the room address besides the request. */
export interface RoomAddressOptions {
  /** Config.publicUrl */
  publicUrl: string | undefined;
  /** Config.host: the interface the server binds */
  bindHost: string;
  /** this machine's first LAN IPv4 address, read at each call (the laptop may join the Wi-Fi later) */
  lanAddress: () => string | undefined;
}

/** The parts of a request that matter: `req.protocol` and the Host header. */
export interface RequestAddress {
  protocol: string;
  host: string | undefined;
}

/** True for names and addresses that reach only this machine: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::ffff:127.0.0.1';
}

/** The first non-internal IPv4 address of `interfaces` (os.networkInterfaces()), or undefined when offline. */
export function firstLanAddress(interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces()): string | undefined {
  for (const infos of Object.values(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family === 'IPv4' && !info.internal && !info.address.startsWith('169.254.')) return info.address;
    }
  }
  return undefined;
}

/** Splits a Host header into hostname and port ("[::1]:3000" -> "::1", "3000"). */
function splitHost(host: string): { hostname: string; port: string } {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host);
  return { hostname: m?.[1] ?? host, port: m?.[2] ?? '' };
}

/** Where other devices reach this server, for a request that arrived with `req`. */
export function roomAddress(req: RequestAddress, options: RoomAddressOptions): RoomAddress {
  if (options.publicUrl) {
    const publicHost = new URL(options.publicUrl).hostname;
    return isLoopbackHost(publicHost)
      ? { baseUrl: options.publicUrl, problem: `PUBLIC_URL is ${options.publicUrl}, which only this computer can open. Set it to an address other devices reach.` }
      : { baseUrl: options.publicUrl };
  }
  const host = req.host ?? 'localhost';
  const own = `${req.protocol}://${host}`;
  const { hostname, port } = splitHost(host);
  if (isLoopbackHost(options.bindHost)) {
    return { baseUrl: own, problem: `The server listens on ${options.bindHost} only, so no other device can join. Restart it with HOST=0.0.0.0 (or set PUBLIC_URL).` };
  }
  if (!isLoopbackHost(hostname)) return { baseUrl: own };
  const lan = options.lanAddress();
  if (!lan) {
    return { baseUrl: own, problem: 'This computer has no network address other devices can use. Connect it to the room’s network, then reload this page.' };
  }
  return { baseUrl: `${req.protocol}://${lan}${port ? `:${port}` : ''}` };
}
