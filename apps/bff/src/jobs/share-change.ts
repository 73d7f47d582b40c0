/**
 * The share change job (issue 16): many shares extended to one end, or revoked. It takes the
 * shares of the repositories it names, with the accounts it names (or any), ending before the
 * time it names (or whenever). A share that ends at the new end already is left alone.
 *
 * Both changes are safe to make twice: the end is set, not moved by an amount, and a revoked
 * share that is gone is done (SWR answers a share it does not have with 400
 * `SVCSTG.SWR.4001090`, not 404). An item claimed again (its holder may have made the change
 * before it died) or resumed reads the share first and sends nothing when it is as asked.
 */
import {
  isSwrError,
  SWR_ERRORS,
  type RepositoryShare,
  type ShareChangeItem,
  type ShareChangeSpec,
  type SwrClient,
} from '@swr-dashboard/swr-client';
import {
  changeFailed,
  done,
  failed,
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

/**
 * Whether the change leaves the share as it is: an extension to an end the share reaches already
 * (it ends then or later, or never) changes nothing. Extending never shortens a share.
 */
function unchanged(spec: ShareChangeSpec, share: RepositoryShare): boolean {
  if (spec.change.action !== 'extend') return false;
  const wanted = spec.change.deadline;
  if (share.deadline === 'forever') return true;
  if (wanted === 'forever') return false;
  return Date.parse(share.deadline) >= Date.parse(wanted);
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

const GONE = 'already gone: an earlier attempt revoked it, or someone else did';

/** Whether SWR answered that it does not have the share (or its repository). */
function shareGone(error: unknown): boolean {
  return notFound(error) || (isSwrError(error) && error.code === SWR_ERRORS.shareNotFound.code);
}

/** The outcome when the share is as the change leaves it already (read from SWR), else none. */
async function settledAlready(
  client: SwrClient,
  spec: ShareChangeSpec,
  item: ShareChangeItem,
): Promise<Outcome | undefined> {
  const shares = await client.listRepoDomains({ params: repoParams(item) });
  const share = shares.find((candidate) => candidate.access_domain === item.account);
  if (spec.change.action === 'revoke') return share === undefined ? done(GONE) : undefined;
  if (share === undefined) {
    return failed(null, null, `not shared with ${item.account} any more: nothing to extend`);
  }
  return unchanged(spec, share) ? done(`ends ${spec.change.deadline} already`) : undefined;
}

async function apply(
  client: SwrClient,
  spec: ShareChangeSpec,
  item: ShareChangeItem,
  attempts: number,
): Promise<Outcome> {
  try {
    // Claimed again or resumed: an earlier attempt may have made the change.
    const settled = attempts > 1 ? await settledAlready(client, spec, item) : undefined;
    if (settled !== undefined) return settled;
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
    if (spec.change.action === 'revoke' && shareGone(error)) return done(GONE);
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
