/**
 * Test fixture: an identity-aware proxy's signing side. A JWKS on a loopback node:http server
 * (RS256 and ES256 keys) and a signer for the assertion the proxy would put in a header; plus a
 * key that is not published, to forge with. `available = false` makes the JWKS answer 503.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

export interface AssertionOptions {
  /** Which key signs: a published one, or `rogue` (unpublished, same kid as `rsa`). */
  key?: 'rsa' | 'ec' | 'rogue';
  /** Overrides the key's kid in the header. */
  kid?: string;
  issuer?: string;
  audience?: string;
  /** `exp` as a jose time span (`5m`, `-1h`) or epoch seconds; null leaves it out. */
  expires?: string | number | null;
}

export interface JwtIssuer {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** While false the JWKS endpoint answers 503. */
  available: boolean;
  /** How many times the JWKS was fetched. */
  fetches: number;
  sign(claims: JWTPayload, options?: AssertionOptions): Promise<string>;
  close(): Promise<void>;
}

interface Key {
  alg: 'RS256' | 'ES256';
  kid: string;
  privateKey: CryptoKey;
}

export async function startJwtIssuer(
  options: { issuer?: string; audience?: string } = {},
): Promise<JwtIssuer> {
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const ec = await generateKeyPair('ES256', { extractable: true });
  const rogue = await generateKeyPair('RS256', { extractable: true });
  const keys: Record<'rsa' | 'ec' | 'rogue', Key> = {
    rsa: { alg: 'RS256', kid: 'proxy-rsa-1', privateKey: rsa.privateKey },
    ec: { alg: 'ES256', kid: 'proxy-ec-1', privateKey: ec.privateKey },
    rogue: { alg: 'RS256', kid: 'proxy-rsa-1', privateKey: rogue.privateKey },
  };
  const jwks = JSON.stringify({
    keys: [
      { ...(await exportJWK(rsa.publicKey)), kid: keys.rsa.kid, alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: keys.ec.kid, alg: 'ES256', use: 'sig' },
    ],
  });

  const server = createServer((req, res) => {
    if (req.url !== '/.well-known/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    state.fetches += 1;
    if (!state.available) {
      res.writeHead(503, { 'Content-Type': 'text/plain' }).end('unavailable');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/jwk-set+json' }).end(jwks);
  });
  const port = await new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve((server.address() as AddressInfo).port);
    });
  });

  const issuer = options.issuer ?? 'https://proxy.test.example';
  const audience = options.audience ?? 'swr-dashboard';
  const state: JwtIssuer = {
    issuer,
    audience,
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    available: true,
    fetches: 0,
    async sign(claims, assertion = {}) {
      const key = keys[assertion.key ?? 'rsa'];
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: key.alg, kid: assertion.kid ?? key.kid })
        .setIssuer(assertion.issuer ?? issuer)
        .setAudience(assertion.audience ?? audience)
        .setIssuedAt();
      const expires = assertion.expires === undefined ? '5m' : assertion.expires;
      if (expires !== null) jwt.setExpirationTime(expires);
      return jwt.sign(key.privateKey);
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
    },
  };
  return state;
}
