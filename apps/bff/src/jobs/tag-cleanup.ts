/**
 * The tag clean-up job (issue 16): its preview (which tags a rule deletes now, read from SWR,
 * and which it leaves alone and why) and its one step per item (delete one tag). The preview and
 * the job share this code: what the user saw is what runs.
 *
 * An item claimed again after its holder died (attempts above 1) may already be done: its tag is
 * looked up first, and a tag that is gone is not deleted twice. A tag pushed again since the
 * preview (another digest) is left alone and the item fails, saying so.
 */
import {
  protectingPattern,
  tagPatternTest,
  type ProtectedTagPattern,
  type SwrClient,
  type TagCleanupItem,
  type TagCleanupSpec,
} from '@swr-dashboard/swr-client';
import {
  changeFailed,
  done,
  failed,
  notFound,
  parts,
  repoParams,
  repositoryTags,
  TAG_PAGE,
  type TagEntry,
  type CarryOutContext,
  type JobKindRun,
  type Outcome,
  type Preview,
  type PreviewContext,
} from './kind';

const DAY_MS = 24 * 60 * 60 * 1000;

type Repository = TagCleanupSpec['repositories'][number];
type Kept = Preview<'tag-cleanup'>['kept'][number];

/** Whether the rule picks the tag, protection and the newest kept aside. */
function picked(rule: TagCleanupSpec['rule'], entry: TagEntry, now: number): boolean {
  if (rule.tags !== undefined && !rule.tags.includes(entry.tag)) return false;
  if (rule.pattern !== undefined && !tagPatternTest(rule.pattern).test(entry.tag)) return false;
  if (rule.olderThanDays === undefined) return true;
  return Date.parse(entry.updated) < now - rule.olderThanDays * DAY_MS;
}

/** One repository's part of the preview: what goes (oldest first) and what stays, and why. */
function evaluate(
  repository: Repository,
  tags: readonly TagEntry[],
  context: { rule: TagCleanupSpec['rule']; patterns: readonly ProtectedTagPattern[]; now: number },
): { items: TagCleanupItem[]; kept: Kept[] } {
  const items: TagCleanupItem[] = [];
  const kept: Kept[] = [];
  const where = { namespace: repository.namespace, repository: repository.repository };
  tags.forEach((entry, newest) => {
    if (!picked(context.rule, entry, context.now)) return;
    const protecting = protectingPattern(context.patterns, entry.tag);
    if (protecting !== undefined) {
      kept.push({ ...where, tag: entry.tag, reason: 'protected', pattern: protecting.pattern });
    } else if (newest < (context.rule.keepNewest ?? 0)) {
      kept.push({ ...where, tag: entry.tag, reason: 'newest' });
    } else {
      items.push({ ...where, ...entry });
    }
  });
  return { items: items.reverse(), kept };
}

/** What the clean-up deletes now, repository by repository, and what it leaves alone. */
async function previewCleanup(
  spec: TagCleanupSpec,
  context: PreviewContext,
): Promise<Preview<'tag-cleanup'>> {
  const preview: Preview<'tag-cleanup'> = { items: [], kept: [] };
  for (const repository of spec.repositories) {
    const tags = await repositoryTags(context.client, repository);
    const part = evaluate(repository, tags, {
      rule: spec.rule,
      patterns: context.patterns(repository.namespace),
      now: context.now,
    });
    preview.items.push(...part.items);
    preview.kept.push(...part.kept);
  }
  return preview;
}

/**
 * The tag as SWR has it now, if it has it. SWR's tag filter matches names that contain the text
 * (`v1` finds `v1.2`, `pr-10`), so the exact name may be on any page of the filtered list.
 */
async function currentTag(client: SwrClient, item: TagCleanupItem) {
  for (let offset = 0; ; offset += TAG_PAGE) {
    const page = await client.listRepositoryTags({
      params: { namespace: item.namespace, repository: item.repository },
      query: { tag: item.tag, limit: TAG_PAGE, offset, order_column: 'tag', order_type: 'asc' },
    });
    const found = page.items.find((entry) => entry.Tag === item.tag);
    if (found !== undefined) return found;
    if (page.items.length < TAG_PAGE || offset + page.items.length >= page.total) return undefined;
  }
}

/** Deletes the item's tag, once; after an interrupted attempt, only if it is still there. */
async function deleteItemTag(
  client: SwrClient,
  item: TagCleanupItem,
  context: CarryOutContext,
): Promise<Outcome> {
  const { attempts } = context;
  // Protected since the preview (the configuration changed): left alone, as a delete would be.
  const protecting = protectingPattern(context.patterns(item.namespace), item.tag);
  if (protecting !== undefined) {
    return failed(null, null, `protected by ${protecting.pattern} since the preview: left alone`);
  }
  if (attempts > 1) {
    const now = await currentTag(client, item);
    if (now === undefined) {
      return done('already gone: an earlier attempt deleted it, or someone else did');
    }
    if (now.digest !== item.digest) {
      return failed(null, null, 'pushed again since the preview (another digest): left alone');
    }
  }
  try {
    await client.deleteRepoTag({ params: deleted(item) });
    return done('deleted');
  } catch (error) {
    if (notFound(error)) return done('already gone: someone else deleted it');
    return changeFailed(error, attempts);
  }
}

function deleted(item: TagCleanupItem) {
  return { ...repoParams(item), tag: item.tag };
}

export const tagCleanup: JobKindRun<'tag-cleanup'> = {
  declared: (spec) =>
    spec.repositories.map((repository) => ({
      operation: 'deleteRepoTag',
      parts: parts({ ...repoParams(repository), tag: '' }),
    })),
  preview: previewCleanup,
  call: (_spec, item) => ({ operation: 'deleteRepoTag', parts: parts(deleted(item)) }),
  carryOut: (client, _spec, item, context) => deleteItemTag(client, item, context),
};
