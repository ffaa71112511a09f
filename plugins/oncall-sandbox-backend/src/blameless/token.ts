import { createHmac, timingSafeEqual } from 'node:crypto';

const ISSUER = 'https://sandbox.blameless.io/';
/** Lifetime of issued tokens in seconds. */
export const TOKEN_TTL_SECONDS = 86_400;
export const TOKEN_SCOPE = 'IncidentRead RetrospectiveRead SettingsRead';

function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

function sign(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

/** Issues a signed JWT (HS256) with an `exp` claim, as the token exchange returns. */
export function issueToken(secret: string, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(
    JSON.stringify({
      iss: ISSUER,
      sub: 'api-key',
      aud: 'sandbox.blameless.io',
      iat,
      exp: iat + TOKEN_TTL_SECONDS,
      scope: TOKEN_SCOPE,
    }),
  );
  return `${header}.${payload}.${sign(secret, `${header}.${payload}`)}`;
}

/** True when the token was issued by this sandbox and has not expired. */
export function verifyToken(
  secret: string,
  token: string,
  nowMs: number,
): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return false;
  }
  const expected = Buffer.from(sign(secret, `${parts[0]}.${parts[1]}`));
  const actual = Buffer.from(parts[2]);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return false;
  }
  try {
    const payload: unknown = JSON.parse(
      Buffer.from(parts[1], 'base64url').toString('utf8'),
    );
    const exp =
      typeof payload === 'object' && payload !== null && 'exp' in payload
        ? payload.exp
        : undefined;
    return typeof exp === 'number' && exp * 1000 > nowMs;
  } catch {
    return false;
  }
}
