/**
 * Origin check for WebSocket upgrades (and cross-origin API calls): same-origin against the Host header, or
 * an exact scheme+host+port match in the allow-list. A missing Origin (non-browser clients) is allowed;
 * `Origin: null` and anything unparsable are refused.
 */

/** True when a request with this Origin and Host may open a socket. */
export function isOriginAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (origin.replace(/\/$/, '') !== url.origin) return false;
  if (allowed.includes(url.origin)) return true;
  if (!host) return false;
  // Same origin: the page was served by this host. The scheme may differ behind a TLS-terminating proxy.
  let hostUrl: URL;
  try {
    hostUrl = new URL(`${url.protocol}//${host}`);
  } catch {
    return false;
  }
  return hostUrl.host === url.host;
}
