/**
 * The sync template job (issue 16): one automatic sync policy (to an organization in another
 * region) rolled out to many repositories. The target organization is the template's, or each
 * repository's own organization's name when the template leaves it out. A repository that syncs
 * to that target already is left alone (`unchanged`); SWR keeps the policy it has, whatever its
 * `syncAuto` and `override`.
 *
 * Carrying an item out lists the repository's policies first: after an interrupted attempt that
 * created it, nothing is sent again.
 */
import type { SwrClient, SyncTemplateItem, SyncTemplateSpec } from '@swr-dashboard/swr-client';
import { AppError } from '../http/errors';
import {
  changeFailed,
  done,
  parts,
  repoParams,
  type ItemCall,
  type JobKindRun,
  type Outcome,
  type Preview,
  type PreviewContext,
  type Repository,
} from './kind';

/** Where the repository syncs to under the template. */
function targetOf(spec: SyncTemplateSpec, repository: Repository) {
  return {
    remoteRegionId: spec.target.remoteRegionId,
    remoteNamespace: spec.target.remoteNamespace ?? repository.namespace,
  };
}

function bodyOf(spec: SyncTemplateSpec, item: Repository) {
  const target = targetOf(spec, item);
  return { ...target, syncAuto: spec.target.syncAuto, override: spec.target.override };
}

/** Whether the repository syncs to the target already. */
async function syncsThere(client: SwrClient, item: SyncTemplateItem): Promise<boolean> {
  const policies = await client.listImageAutoSyncReposDetails({ params: repoParams(item) });
  return policies.some(
    (policy) =>
      policy.remoteRegionId === item.remoteRegionId &&
      policy.remoteNamespace === item.remoteNamespace,
  );
}

/** A target region must be another region the console manages: 400 before anything is read. */
function checkTarget(spec: SyncTemplateSpec, context: PreviewContext): void {
  const { remoteRegionId } = spec.target;
  if (remoteRegionId === spec.region || !context.regions.includes(remoteRegionId)) {
    throw new AppError(
      'invalid_parameter',
      `Sync to another region the console manages, not ${remoteRegionId}.`,
      { issues: [{ path: 'body.target.remoteRegionId', message: 'not another managed region' }] },
    );
  }
}

async function preview(
  spec: SyncTemplateSpec,
  context: PreviewContext,
): Promise<Preview<'sync-template'>> {
  checkTarget(spec, context);
  const result: Preview<'sync-template'> = { items: [], kept: [] };
  for (const repository of spec.repositories) {
    const item = { ...repoParams(repository), ...targetOf(spec, repository) };
    if (await syncsThere(context.client, item)) {
      const subject = `${item.remoteRegionId}/${item.remoteNamespace}`;
      result.kept.push({ ...repoParams(repository), subject, reason: 'unchanged' });
    } else {
      result.items.push(item);
    }
  }
  return result;
}

async function apply(
  client: SwrClient,
  spec: SyncTemplateSpec,
  item: SyncTemplateItem,
  attempts: number,
): Promise<Outcome> {
  try {
    if (await syncsThere(client, item)) return done('the repository syncs there already');
    await client.createImageSyncRepo({ params: repoParams(item), body: bodyOf(spec, item) });
    return done(`syncs to ${item.remoteRegionId}/${item.remoteNamespace}`);
  } catch (error) {
    return changeFailed(error, attempts);
  }
}

/** The call that gives a repository the policy: what the spec declares and what an item makes. */
function callFor(spec: SyncTemplateSpec, repository: Repository): ItemCall {
  return {
    operation: 'createImageSyncRepo',
    parts: parts(repoParams(repository), bodyOf(spec, repository)),
  };
}

export const syncTemplate: JobKindRun<'sync-template'> = {
  declared: (spec) => spec.repositories.map((repository) => callFor(spec, repository)),
  preview,
  call: callFor,
  carryOut: (client, spec, item, context) => apply(client, spec, item, context.attempts),
};
