/**
 * Protected tags (proxy/protected-tags.ts) against the real emulator: the console refuses to
 * delete a tag a configured pattern matches (409 `tag_protected`, audited, nothing sent to SWR),
 * for every organization or for one; other tags are deleted as before; the patterns are answered
 * to whoever may see the organization.
 */
import { protectedTagsResponse, type AuditListResponse } from '@swr-dashboard/swr-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Browser, type Stack } from './support/stack';

const TAGS = (namespace: string, repository: string) =>
  `/api/swr/cn-north-4/v2/manage/namespaces/${namespace}/repos/${repository}/tags`;

describe('protected tags', () => {
  let stack: Stack;
  let admin: Browser;

  beforeAll(async () => {
    stack = await startStack({
      env: { PROTECTED_TAGS: 'latest', PROTECTED_TAGS_BY_ORG: 'payments=v3.* release-?' },
    });
    admin = stack.browser();
    await admin.signInDemo('ada-admin');
  });
  afterAll(async () => {
    await stack.close();
  });

  /** The repository's tag names, as SWR lists them. */
  const tagsOf = async (namespace: string, repository: string) => {
    const reply = await admin.get(`${TAGS(namespace, repository)}?limit=100&offset=0`);
    expect(reply.status, reply.text).toBe(200);
    return (reply.json as { Tag: string }[]).map((tag) => tag.Tag);
  };

  /** Deletes the tag through the console; what the console answered and what reached SWR. */
  const deleteTag = async (namespace: string, repository: string, tag: string) => {
    const before = stack.upstreamLog.length;
    const reply = await admin.request('DELETE', `${TAGS(namespace, repository)}/${tag}`);
    const sent = stack.upstreamLog.slice(before).filter((line) => line.includes(' DELETE '));
    return { reply, sent };
  };

  it('refuses to delete a tag every organization protects, audited, with nothing sent', async () => {
    expect(await tagsOf('payments', 'payment-gateway')).toContain('latest');
    const { reply, sent } = await deleteTag('payments', 'payment-gateway', 'latest');
    expect(reply.status).toBe(409);
    expect(reply.json).toMatchObject({
      code: 'tag_protected',
      message: expect.stringContaining('pattern latest') as unknown,
    });
    expect(sent).toEqual([]);
    expect(await tagsOf('payments', 'payment-gateway')).toContain('latest');

    const audit = await admin.get('/api/audit?outcome=denied');
    expect(audit.status, audit.text).toBe(200);
    const records = (audit.json as AuditListResponse).items;
    expect(records[0]).toMatchObject({
      event: 'policy.denied',
      outcome: 'denied',
      httpStatus: 409,
      upstream: null,
      resource: { type: 'tag', namespace: 'payments', name: 'payment-gateway', tag: 'latest' },
    });
  });

  it("protects an organization's own patterns in that organization only", async () => {
    const payments = await tagsOf('payments', 'payment-gateway');
    const version = payments.find((tag) => tag.startsWith('v3.'));
    expect(version).toBeDefined();
    const refused = await deleteTag('payments', 'payment-gateway', version ?? '');
    expect(refused.reply.status).toBe(409);
    expect(refused.sent).toEqual([]);

    // Elsewhere the same name is an ordinary tag.
    const platform = await tagsOf('platform', 'nginx');
    const other = platform.find((tag) => tag !== 'latest');
    expect(other).toBeDefined();
    const deleted = await deleteTag('platform', 'nginx', other ?? '');
    expect(deleted.reply.status, deleted.reply.text).toBe(204);
    expect(deleted.sent).toHaveLength(1);
    expect(await tagsOf('platform', 'nginx')).not.toContain(other);
  });

  it('answers the patterns of an organization to whoever may see it', async () => {
    const reply = await admin.get('/api/protected-tags?namespace=payments');
    expect(reply.status, reply.text).toBe(200);
    expect(protectedTagsResponse.parse(reply.json).patterns).toEqual([
      { pattern: 'latest', scope: 'all' },
      { pattern: 'v3.*', scope: 'organization' },
      { pattern: 'release-?', scope: 'organization' },
    ]);
    const platform = await admin.get('/api/protected-tags?namespace=platform');
    expect(protectedTagsResponse.parse(platform.json).patterns).toEqual([
      { pattern: 'latest', scope: 'all' },
    ]);

    const pat = stack.browser();
    await pat.signInDemo('pat-payments');
    expect((await pat.get('/api/protected-tags?namespace=payments')).status).toBe(200);
    const outside = await pat.get('/api/protected-tags?namespace=platform');
    expect(outside.status).toBe(403);
    expect(outside.json).toMatchObject({ code: 'forbidden' });
    expect((await admin.get('/api/protected-tags?namespace=Bad%20Name')).status).toBe(400);
  });
});
