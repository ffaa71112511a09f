import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** The header that carries `oncall-sandbox.controlKey`. */
export const CONTROL_KEY_HEADER = 'x-sandbox-control-key';

/** 127.0.0.0/8 and ::1; IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`) match the IPv4 rule. */
const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** Whether a socket's remote address is a loopback address. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) {
    return false;
  }
  if (isIPv4(address)) {
    return loopback.check(address, 'ipv4');
  }
  return isIPv6(address) && loopback.check(address, 'ipv6');
}

/** What a control call arrives with. */
export interface ControlCaller {
  /** The TCP peer (`req.socket.remoteAddress`), never a forwarded-for header. */
  remoteAddress: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

/** Whether a control call may go ahead, and why not. */
export type ControlAccess =
  | { allowed: true }
  | { allowed: false; reason: string };

/** Compares in time independent of where the values differ (and of their lengths). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Decides a call to the `/__sandbox` control routes. Without a control key, only loopback
 * callers may control the sandbox. With `controlKey` set, every caller (loopback included, as
 * behind a reverse proxy on the same host everyone looks local) must send it in
 * `X-Sandbox-Control-Key`. Forwarding headers (`X-Forwarded-For`, `Forwarded`) are never
 * consulted: any caller can write them.
 */
export function decideControlAccess(
  caller: ControlCaller,
  options: { controlKey?: string },
): ControlAccess {
  if (options.controlKey !== undefined) {
    const given = caller.headers[CONTROL_KEY_HEADER];
    return typeof given === 'string' && sameSecret(given, options.controlKey)
      ? { allowed: true }
      : {
          allowed: false,
          reason:
            'Sandbox control needs the X-Sandbox-Control-Key header with the value of oncall-sandbox.controlKey',
        };
  }
  return isLoopbackAddress(caller.remoteAddress)
    ? { allowed: true }
    : {
        allowed: false,
        reason:
          'Sandbox control is open to loopback callers only; set oncall-sandbox.controlKey and send it in X-Sandbox-Control-Key to control the sandbox from elsewhere',
      };
}
