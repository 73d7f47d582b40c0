/**
 * The New clean-up form's draft and the job it describes: the repositories chosen (as
 * `organization/repository`), and the rule. Every criterion given must hold; a rule must name tags,
 * a name pattern or an age (the BFF refuses one that would delete every tag).
 */
import {
  JOB_MAX_REPOSITORIES,
  JOB_MAX_SELECTED_TAGS,
  NAMESPACE_MAX_LENGTH,
  NAMESPACE_PATTERN,
  REPOSITORY_PATTERN,
  TAG_PATTERN,
  type TagCleanupSpec,
} from '@swr-dashboard/swr-client/browser';

export interface CleanupDraft {
  /** `organization/repository` of each repository chosen. */
  repositories: string[];
  pattern: string;
  olderThanDays: string;
  keepNewest: string;
  /** Tag names pasted: one a line, or separated by spaces or commas. */
  tags: string;
}

export const EMPTY_DRAFT: CleanupDraft = {
  repositories: [],
  pattern: '',
  olderThanDays: '',
  keepNewest: '',
  tags: '',
};

/** The longest repository name SWR takes. */
const REPOSITORY_MAX_LENGTH = 128;

/**
 * The draft a new clean-up starts from: with the repository a link chose (`organization/repository`,
 * as the Tags tab's "Clean up by rule…" gives it) when that is a name SWR could hold; else empty.
 */
export function draftFor(repository: string | undefined): CleanupDraft {
  if (repository?.includes('/') !== true) return EMPTY_DRAFT;
  const { namespace, repository: name } = repositoryRef(repository);
  const valid =
    namespace.length <= NAMESPACE_MAX_LENGTH &&
    NAMESPACE_PATTERN.test(namespace) &&
    name.length <= REPOSITORY_MAX_LENGTH &&
    REPOSITORY_PATTERN.test(name);
  return valid ? { ...EMPTY_DRAFT, repositories: [repository] } : EMPTY_DRAFT;
}

/** What is wrong with a field, as a key of the feature's `form.problems`. */
export type DraftProblem =
  | 'noRepositories'
  | 'tooManyRepositories'
  | 'pattern'
  | 'days'
  | 'keep'
  | 'tags'
  | 'tooManyTags'
  | 'nothingNamed';

export type DraftField = 'repositories' | 'pattern' | 'olderThanDays' | 'keepNewest' | 'tags';

export type DraftResult =
  | { ok: true; spec: TagCleanupSpec }
  | { ok: false; problems: Partial<Record<DraftField | 'rule', DraftProblem>> };

const PATTERN = /^[A-Za-z0-9_.*?-]{1,128}$/;

/** The tag names in pasted text, each once, in the order given. */
export function tagList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((name) => name !== ''))];
}

/** `organization/repository` split at the first `/` (a repository's name may hold more). */
export function repositoryRef(key: string): { namespace: string; repository: string } {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), repository: key.slice(slash + 1) };
}

function wholeNumber(text: string, min: number, max: number): number | undefined | null {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : null;
}

export function specOf(region: string, draft: CleanupDraft): DraftResult {
  const problems: Partial<Record<DraftField | 'rule', DraftProblem>> = {};
  if (draft.repositories.length === 0) problems.repositories = 'noRepositories';
  else if (draft.repositories.length > JOB_MAX_REPOSITORIES) {
    problems.repositories = 'tooManyRepositories';
  }
  const pattern = draft.pattern.trim();
  if (pattern !== '' && !PATTERN.test(pattern)) problems.pattern = 'pattern';
  const days = wholeNumber(draft.olderThanDays, 1, 3650);
  if (days === null) problems.olderThanDays = 'days';
  const keep = wholeNumber(draft.keepNewest, 0, 10_000);
  if (keep === null) problems.keepNewest = 'keep';
  const tags = tagList(draft.tags);
  if (tags.some((tag) => !TAG_PATTERN.test(tag))) problems.tags = 'tags';
  else if (tags.length > JOB_MAX_SELECTED_TAGS) problems.tags = 'tooManyTags';
  if (pattern === '' && draft.olderThanDays.trim() === '' && tags.length === 0) {
    problems.rule = 'nothingNamed';
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const rule: TagCleanupSpec['rule'] = {
    ...(tags.length === 0 ? {} : { tags }),
    ...(pattern === '' ? {} : { pattern }),
    ...(days === undefined || days === null ? {} : { olderThanDays: days }),
    ...(keep === undefined || keep === null ? {} : { keepNewest: keep }),
  };
  return {
    ok: true,
    spec: {
      kind: 'tag-cleanup',
      region,
      repositories: draft.repositories.map(repositoryRef),
      rule,
    },
  };
}
