/**
 * Who is calling: the AK/SK signature of every request is verified with the server recipe of
 * docs/swr-api.md ("Verifying a request") against the configured accounts. Failures answer in the
 * gateway's (APIG) shape.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { APIG_SIGNATURE_ERROR, verifySignature } from '@swr-dashboard/swr-client';
import type { Caller } from '../context';
import { projectIdOf, type EmulatorConfig } from '../config';

interface KeyEntry {
  caller: Omit<Caller, 'ak'>;
  sk: string;
  securityToken?: string;
}

export type Authenticator = (request: {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Uint8Array;
  now: Date;
  region: string;
}) => { ok: true; caller: Caller } | { ok: false; message: string };

export function createAuthenticator(config: EmulatorConfig): Authenticator {
  const keys = new Map<string, KeyEntry>();
  for (const account of config.accounts) {
    for (const user of account.users) {
      for (const credential of user.credentials) {
        const entry: KeyEntry = { caller: { account, user }, sk: credential.sk };
        if (credential.securityToken !== undefined) entry.securityToken = credential.securityToken;
        keys.set(credential.ak, entry);
      }
    }
  }
  return (request) => {
    const result = verifySignature({
      method: request.method,
      rawPath: request.rawPath,
      rawQuery: request.rawQuery,
      headers: request.headers,
      body: request.body,
      now: request.now,
      maxSkewMs: config.maxClockSkewMs,
      lookup: (ak) => {
        const entry = keys.get(ak);
        if (entry === undefined) return undefined;
        return entry.securityToken === undefined
          ? { sk: entry.sk }
          : { sk: entry.sk, securityToken: entry.securityToken };
      },
    });
    if (!result.ok) {
      const detail =
        result.reason === 'unknown-ak'
          ? 'Incorrect IAM authentication information: ak not exist'
          : result.reason === 'expired'
            ? 'Incorrect IAM authentication information: signature expired'
            : `${APIG_SIGNATURE_ERROR.message} (${result.reason})`;
      return { ok: false, message: detail };
    }
    const entry = keys.get(result.ak);
    if (entry === undefined) return { ok: false, message: APIG_SIGNATURE_ERROR.message };
    const projectHeader = request.headers['x-project-id'];
    if (
      typeof projectHeader === 'string' &&
      projectHeader !== projectIdOf(entry.caller.account, request.region)
    ) {
      return {
        ok: false,
        message: `Incorrect IAM authentication information: project ${projectHeader} is not in ${request.region}`,
      };
    }
    return { ok: true, caller: { ...entry.caller, ak: result.ak } };
  };
}
