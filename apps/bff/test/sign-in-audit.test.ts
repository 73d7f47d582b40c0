/**
 * The sign-in steps every mode shares (src/auth/steps.ts) against an audit trail that cannot be
 * written: a sign-in nobody could trace does not stand, a sign-out always works.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Browser, type Stack } from './support/stack';

describe('sign-in and sign-out with the audit sink unwritable', () => {
  const directory = mkdtempSync(join(tmpdir(), 'swr-sign-in-audit-'));
  const sinkPath = join(directory, 'audit.jsonl');
  let stack: Stack;
  let signedInBefore: Browser;

  beforeAll(async () => {
    stack = await startStack({ env: { AUDIT_SINK: `file:${sinkPath}` } });
    signedInBefore = stack.browser();
    await signedInBefore.signInDemo('otto-operator');
    // Root ignores file modes, so make the sink's path a directory: every append now fails.
    rmSync(sinkPath);
    mkdirSync(sinkPath);
  });
  afterAll(async () => {
    await stack.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('refuses a sign-in with 503 audit_unavailable and leaves no session behind', async () => {
    const browser = stack.browser();
    const reply = await browser.request('POST', '/auth/demo/login', {
      json: { user: 'ada-admin' },
    });
    expect(reply.status).toBe(503);
    expect(reply.json).toMatchObject({ code: 'audit_unavailable' });
    expect((await browser.get('/api/me')).status).toBe(401);
  });

  it('still signs a user out, and the session is gone', async () => {
    expect((await signedInBefore.get('/api/me')).status).toBe(200);
    const reply = await signedInBefore.request('POST', '/auth/logout');
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ logoutUrl: null });
    expect((await signedInBefore.get('/api/me')).status).toBe(401);
  });
});
