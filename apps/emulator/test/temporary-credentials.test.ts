/**
 * Temporary AK/SK (STS): the emulator accepts a temporary pair only with its security token,
 * signed, as the gateway does; and it answers every refusal in the gateway's error shape.
 */
import {
  createSignedTransport,
  createSwrClient,
  isSwrError,
  type SigningCredentials,
} from '@swr-dashboard/swr-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, stableId } from '../src/index';
import { MAIN, startTestEmulator, type TestEmulator } from './support/emulator';

const TEMPORARY = {
  ak: 'EMULATORTEMPAK000001',
  sk: 'emulator-temporary-sk-000000000000000000001',
  securityToken: 'gQpjbi1ub3J0aC00temporary-token',
};

let fixture: TestEmulator;

beforeAll(async () => {
  const base = defaultConfig();
  fixture = await startTestEmulator({
    config: {
      accounts: [
        ...base.accounts,
        {
          name: 'sts-account',
          id: stableId('account', 'sts-account'),
          users: [
            { id: stableId('user', 'sts'), name: 'sts-user', credentials: [{ ...TEMPORARY }] },
          ],
        },
      ],
    },
  });
});

afterAll(async () => {
  await fixture.close();
});

function client(credentials: SigningCredentials) {
  return createSwrClient(createSignedTransport({ endpoint: fixture.url(MAIN), credentials }));
}

async function refusal(credentials: SigningCredentials) {
  try {
    await client(credentials).listNamespaces();
  } catch (error) {
    if (isSwrError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('temporary credentials', () => {
  it('accepts a temporary pair with its security token', async () => {
    const result = await client(TEMPORARY).listNamespaces();
    expect(result.namespaces).toEqual([]);
  });

  it('refuses a temporary pair without its token, or with another token', async () => {
    const { securityToken: _, ...withoutToken } = TEMPORARY;
    const missing = await refusal(withoutToken);
    expect(missing).toMatchObject({ status: 401, code: 'APIGW.0301', shape: 'apig' });
    const wrong = await refusal({ ...TEMPORARY, securityToken: 'another-token' });
    expect(wrong).toMatchObject({ status: 401, code: 'APIGW.0301' });
    expect(wrong.message).not.toContain('another-token');
  });

  it('refuses a token on a permanent pair, an unknown key and a wrong secret', async () => {
    const permanent = fixture.credentials(MAIN);
    expect(await refusal({ ...permanent, securityToken: 'unexpected' })).toMatchObject({
      status: 401,
    });
    const unknown = await refusal({ ak: 'NOSUCHKEY00000000001', sk: 'whatever-secret-000' });
    expect(unknown.message).toMatch(/ak not exist/);
    const wrongSecret = await refusal({ ...permanent, sk: 'not-the-secret-0000000' });
    expect(wrongSecret).toMatchObject({ status: 401, code: 'APIGW.0301' });
    expect(wrongSecret.message).not.toContain('not-the-secret');
    expect(wrongSecret.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
