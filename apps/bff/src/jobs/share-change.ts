/**
 * The share change job (issue 16): many shares extended to one end, or revoked. It takes the
 * shares of the repositories it names, with the accounts it names (or any), ending before the
 * time it names (or whenever). A share that ends at the new end already is left alone.
 *
 * Both changes are safe to make twice: the end is set, not moved by an amount, and a revoked
 * share that is gone is done.
 */
import type {
  RepositoryShare,
  ShareChangeItem,
  ShareChangeSpec,
  SwrClient,
} from '@swr-dashboard/swr-client';
import {
  changeFailed,
  done,
  notFound,
  parts,
  repoParams,
  type JobKindRun,
  type Outcome,
  type Preview,
  type PreviewContext,
} from './kind';

/** Whether the spec picks the share. A share that never ends does not end before anything. */
function picked(spec: ShareChangeSpec, share: RepositoryShare): boolean {
  if (spec.accounts !== undefined && !spec.accounts.includes(share.access_domain)) return false;
  if (spec.endingBefore === undefined) return true;
  const ends = Date.parse(share.deadline);
  return Number.isFinite(ends) && ends < Date.parse(spec.endingBefore);
}

/** Whether the change leaves the share as it is. */
function unchanged(spec: ShareChangeSpec, share: RepositoryShare): boolean {
  if (spec.change.action !== 'extend') return false;
  const wanted = spec.change.deadline;
  if (wanted === 'forever' || share.deadline === 'forever') return wanted === share.deadline;
  return Date.parse(wanted) === Date.parse(share.deadline);
}

async function preview(
  spec: ShareChangeSpec,
  context: PreviewContext,
): Promise<Preview<'share-change'>> {
  const result: Preview<'share-change'> = { items: [], kept: [] };
  for (const repository of spec.repositories) {
    const shares = await context.client.listRepoDomains({ params: repoParams(repository) });
    for (const share of shares.filter((candidate) => picked(spec, candidate))) {
      const where = repoParams(repository);
      if (unchanged(spec, share)) {
        result.kept.push({ ...where, subject: share.access_domain, reason: 'unchanged' });
        continue;
      }
      const { access_domain: account, deadline, description } = share;
      result.items.push({ ...where, account, deadline, description });
    }
  }
  return result;
}

function shareParams(item: ShareChangeItem) {
  return { ...repoParams(item), access_domain: item.account };
}

async function apply(
  client: SwrClient,
  spec: ShareChangeSpec,
  item: ShareChangeItem,
  attempts: number,
): Promise<Outcome> {
  try {
    if (spec.change.action === 'revoke') {
      await client.deleteRepoDomains({ params: shareParams(item) });
      return done('revoked');
    }
    const { deadline } = spec.change;
    await client.updateRepoDomains({
      params: shareParams(item),
      body: { permit: 'read', deadline, description: item.description },
    });
    return done(`ends ${deadline}`);
  } catch (error) {
    if (spec.change.action === 'revoke' && notFound(error)) {
      return done('already gone: an earlier attempt revoked it, or someone else did');
    }
    return changeFailed(error, attempts);
  }
}

function updateBody(spec: ShareChangeSpec, description: string) {
  return spec.change.action === 'extend'
    ? { permit: 'read', deadline: spec.change.deadline, description }
    : undefined;
}

export const shareChange: JobKindRun<'share-change'> = {
  declared: (spec) =>
    spec.repositories.map((repository) => ({
      operation: spec.change.action === 'revoke' ? 'deleteRepoDomains' : 'updateRepoDomains',
      parts: parts(repoParams(repository), updateBody(spec, '')),
    })),
  preview,
  call: (spec, item) => ({
    operation: spec.change.action === 'revoke' ? 'deleteRepoDomains' : 'updateRepoDomains',
    parts: parts(shareParams(item), updateBody(spec, item.description)),
  }),
  carryOut: (client, spec, item, context) => apply(client, spec, item, context.attempts),
};
