/**
 * The retention template job (issue 16): one retention policy rolled out to many repositories.
 *
 * SWR keeps at most one policy per repository and cannot change a policy's template: a
 * repository without one gets it created, one with a policy of the same template gets it
 * changed, one with the other template gets its policy deleted and the new one created. A
 * repository whose policy is already the template's is left alone (`unchanged`).
 *
 * SWR applies a policy when it is saved: the preview counts the tags each repository loses at
 * once (by the rule evaluation the emulator and the retention editor share), and names the
 * protected tags among them, which SWR deletes whatever the console protects.
 *
 * Carrying an item out reads the repository's policy first and makes it the template's: done
 * again after an interrupted attempt, it finds the work done and sends nothing. A replace's
 * delete has an audit record of its own, besides the item's (the create).
 */
import {
  evaluateRetention,
  protectingPattern,
  type Retention,
  type RetentionTemplateItem,
  type RetentionTemplateSpec,
  type SwrClient,
} from '@swr-dashboard/swr-client';
import {
  changeFailed,
  done,
  parts,
  repoParams,
  repositoryTags,
  type CarryOutContext,
  type JobKindRun,
  type Outcome,
  type Preview,
  type PreviewContext,
  type Repository,
} from './kind';

type Policy = RetentionTemplateSpec['policy'];

/** Whether the repository's policy is the template's already. */
function samePolicy(existing: Retention, policy: Policy): boolean {
  const [rule] = policy.rules;
  const [has] = existing.rules;
  if (existing.rules.length !== 1 || has === undefined) return false;
  return (
    has.template === rule.template &&
    JSON.stringify(has.params) === JSON.stringify(rule.params) &&
    JSON.stringify(has.tag_selectors) === JSON.stringify(rule.tag_selectors)
  );
}

/** What the repository needs: nothing, or an item (with what it has now). */
function actionFor(existing: Retention | undefined, policy: Policy) {
  if (existing === undefined) return { action: 'create' as const, retentionId: null };
  if (samePolicy(existing, policy)) return undefined;
  const sameTemplate = existing.rules[0]?.template === policy.rules[0].template;
  return {
    action: sameTemplate ? ('update' as const) : ('replace' as const),
    retentionId: existing.id,
  };
}

/** The tags the policy deletes at once in the repository, and the protected ones among them. */
async function losses(
  client: SwrClient,
  repository: Repository,
  spec: RetentionTemplateSpec,
  context: PreviewContext,
) {
  const tags = await repositoryTags(client, repository);
  const verdicts = evaluateRetention(spec.policy.rules[0], tags, new Date(context.now));
  const deleted = verdicts.filter((verdict) => verdict.action === 'delete');
  const patterns = context.patterns(repository.namespace);
  return {
    deletes: deleted.length,
    protectedDeleted: deleted
      .filter((verdict) => protectingPattern(patterns, verdict.tag) !== undefined)
      .map((verdict) => verdict.tag),
  };
}

async function preview(
  spec: RetentionTemplateSpec,
  context: PreviewContext,
): Promise<Preview<'retention-template'>> {
  const result: Preview<'retention-template'> = { items: [], kept: [] };
  for (const repository of spec.repositories) {
    const [existing] = await context.client.listRetentions({ params: repoParams(repository) });
    const needed = actionFor(existing, spec.policy);
    if (needed === undefined) {
      result.kept.push({ ...repoParams(repository), subject: '', reason: 'unchanged' });
      continue;
    }
    const lost = await losses(context.client, repository, spec, context);
    result.items.push({ ...repoParams(repository), ...needed, ...lost });
  }
  return result;
}

/**
 * Deletes the policy of the other template, to make way for the template's: a change of its
 * own in the audit trail (`swr.deleteRetention`), so the trail shows it also when the create
 * after it fails.
 */
async function replacing(
  client: SwrClient,
  params: { namespace: string; repository: string },
  retentionId: number,
  context: CarryOutContext,
): Promise<void> {
  const call = { ...params, retention_id: retentionId };
  await context.sideChange(
    {
      operation: 'deleteRetention',
      parts: parts({ ...params, retention_id: String(retentionId) }),
    },
    `policy ${String(retentionId)} deleted, to make way for the template's`,
    () => client.deleteRetention({ params: call }),
  );
}

/** Makes the repository's policy the template's, from whatever it has now. */
async function apply(
  client: SwrClient,
  spec: RetentionTemplateSpec,
  item: RetentionTemplateItem,
  context: CarryOutContext,
): Promise<Outcome> {
  const params = repoParams(item);
  try {
    const [existing] = await client.listRetentions({ params });
    const needed = actionFor(existing, spec.policy);
    if (needed === undefined) return done('the repository has the policy already');
    if (needed.action === 'update') {
      await client.updateRetention({
        params: { ...params, retention_id: needed.retentionId },
        body: spec.policy,
      });
      return done(`policy ${String(needed.retentionId)} changed`);
    }
    if (needed.retentionId !== null) {
      await replacing(client, params, needed.retentionId, context);
    }
    const created = await client.createRetention({ params, body: spec.policy });
    const replaced =
      needed.retentionId === null ? '' : ` (policy ${String(needed.retentionId)} deleted first)`;
    return done(`policy ${String(created.id)} created${replaced}`);
  } catch (error) {
    return changeFailed(error, context.attempts);
  }
}

export const retentionTemplate: JobKindRun<'retention-template'> = {
  declared: (spec) =>
    spec.repositories.flatMap((repository) => [
      { operation: 'createRetention', parts: parts(repoParams(repository), spec.policy) },
      { operation: 'deleteRetention', parts: parts(repoParams(repository)) },
    ]),
  preview,
  call: (spec, item) => ({
    operation: item.action === 'update' ? 'updateRetention' : 'createRetention',
    parts: parts(
      item.action === 'update' && item.retentionId !== null
        ? { ...repoParams(item), retention_id: String(item.retentionId) }
        : repoParams(item),
      spec.policy,
    ),
  }),
  carryOut: (client, spec, item, context) => apply(client, spec, item, context),
};
