/**
 * The forms of the jobs other than the tag clean-up: each one's draft (as typed) and the spec it
 * describes, or what is wrong with it, field by field, as keys of the feature's `newJob.problems`.
 * The checks are the contract's where it has them (names, the retention rule, a trigger's
 * condition); the BFF checks every spec again, and each repository's item as SWR would.
 */
import {
  accountName,
  conditionProblem,
  isValidRegExp,
  JOB_MAX_NAMES,
  JOB_MAX_REPOSITORIES,
  kubernetesName,
  namespaceName,
  REPOSITORY_PLACEHOLDER,
  RETENTION_DAYS_MAX,
  RETENTION_NUM_MAX,
  retentionRuleInput,
  TAG_SELECTORS_MAX,
  triggerName,
  type RetentionTemplateSpec,
  type ShareChangeSpec,
  type SyncTemplateSpec,
  type TriggerSwitchSpec,
  type TriggerTemplateSpec,
} from '@swr-dashboard/swr-client/browser';
import type { TriggerFieldValues } from '../../components/trigger-fields';
import { repositoryRef } from './draft';

/** What is wrong with a field, as a key of the feature's `newJob.problems`. */
export type Problem =
  | 'noRepositories'
  | 'tooManyRepositories'
  | 'required'
  | 'amount'
  | 'patternLong'
  | 'patternInvalid'
  | 'tooManyExceptions'
  | 'organization'
  | 'triggerName'
  | 'kubernetesName'
  | 'outsideLimits'
  | 'application'
  | 'conditionTags'
  | 'conditionRegex'
  | 'date'
  | 'datePast'
  | 'accounts'
  | 'triggerNames'
  | 'tooManyNames';

/** The spec, or the problems by field (a selector's by `selector-<key>`). */
export type Checked<S> =
  { ok: true; spec: S } | { ok: false; problems: Partial<Record<string, Problem>> };

type Problems = Partial<Record<string, Problem>>;

function checked<S>(problems: Problems, spec: () => S): Checked<S> {
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, spec: spec() };
}

function repositoriesProblem(repositories: readonly string[]): Problem | undefined {
  if (repositories.length === 0) return 'noRepositories';
  return repositories.length > JOB_MAX_REPOSITORIES ? 'tooManyRepositories' : undefined;
}

/** The common part of every spec: the region and the repositories (`organization/repository`). */
function base(region: string, repositories: readonly string[]) {
  return { region, repositories: repositories.map(repositoryRef) };
}

/** Names typed one a line, or separated by spaces, commas or semicolons: each once, in order. */
export function nameList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter((name) => name !== ''))];
}

/** Problems of a list of names: each must pass `valid`; at most {@link JOB_MAX_NAMES}. */
function namesProblem(
  names: readonly string[],
  valid: (name: string) => boolean,
  invalid: Problem,
): Problem | undefined {
  if (names.some((name) => !valid(name))) return invalid;
  return names.length > JOB_MAX_NAMES ? 'tooManyNames' : undefined;
}

// ---------------------------------------------------------------------------------------------
// retention-template

export type RetentionTemplate = 'tag_rule' | 'date_rule';

export interface SelectorDraft {
  /** A stable React key for the row. */
  key: number;
  kind: 'label' | 'regexp';
  pattern: string;
}

export interface RetentionDraft {
  template: RetentionTemplate;
  /** `num` (tag_rule) or `days` (date_rule), as typed. */
  amount: string;
  selectors: SelectorDraft[];
}

export const AMOUNT_MAX: Record<RetentionTemplate, number> = {
  tag_rule: RETENTION_NUM_MAX,
  date_rule: RETENTION_DAYS_MAX,
};

let nextKey = 0;

export function newSelector(kind: SelectorDraft['kind'] = 'label', pattern = ''): SelectorDraft {
  nextKey += 1;
  return { key: nextKey, kind, pattern };
}

/** A new template starts as "keep the 10 most recent tags, except `latest`". */
export function retentionDraft(): RetentionDraft {
  return { template: 'tag_rule', amount: '10', selectors: [newSelector('label', 'latest')] };
}

function selectorProblem(selector: SelectorDraft): Problem | undefined {
  if (selector.pattern === '') return 'required';
  if (selector.pattern.length > 256) return 'patternLong';
  if (selector.kind === 'regexp' && !isValidRegExp(selector.pattern)) return 'patternInvalid';
  return undefined;
}

export function retentionSpecOf(
  region: string,
  repositories: readonly string[],
  draft: RetentionDraft,
): Checked<RetentionTemplateSpec> {
  const problems: Problems = {};
  const repositoriesWrong = repositoriesProblem(repositories);
  if (repositoriesWrong !== undefined) problems.repositories = repositoriesWrong;
  const amount = draft.amount.trim();
  const value = Number(amount);
  if (amount === '') problems.amount = 'required';
  else if (!/^\d{1,4}$/.test(amount) || value < 1 || value > AMOUNT_MAX[draft.template]) {
    problems.amount = 'amount';
  }
  for (const selector of draft.selectors) {
    const problem = selectorProblem(selector);
    if (problem !== undefined) problems[`selector-${String(selector.key)}`] = problem;
  }
  if (draft.selectors.length > TAG_SELECTORS_MAX) problems.selectors = 'tooManyExceptions';
  const tag_selectors = draft.selectors.map(({ kind, pattern }) => ({ kind, pattern }));
  const rule =
    draft.template === 'tag_rule'
      ? { template: 'tag_rule' as const, params: { num: String(value) }, tag_selectors }
      : { template: 'date_rule' as const, params: { days: String(value) }, tag_selectors };
  // The contract's own check, in case it asks for more than the fields above.
  if (Object.keys(problems).length === 0 && !retentionRuleInput.safeParse(rule).success) {
    problems.amount = 'amount';
  }
  return checked(problems, () => ({
    kind: 'retention-template',
    ...base(region, repositories),
    policy: { algorithm: 'or', rules: [rule] },
  }));
}

// ---------------------------------------------------------------------------------------------
// sync-template

export interface SyncDraft {
  remoteRegionId: string;
  /** Empty: each repository's own organization's name. */
  remoteNamespace: string;
  syncAuto: boolean;
  override: boolean;
}

export function syncSpecOf(
  region: string,
  repositories: readonly string[],
  draft: SyncDraft,
): Checked<SyncTemplateSpec> {
  const problems: Problems = {};
  const repositoriesWrong = repositoriesProblem(repositories);
  if (repositoriesWrong !== undefined) problems.repositories = repositoriesWrong;
  if (draft.remoteRegionId === '') problems.remoteRegionId = 'required';
  const remoteNamespace = draft.remoteNamespace.trim();
  if (remoteNamespace !== '' && !namespaceName.safeParse(remoteNamespace).success) {
    problems.remoteNamespace = 'organization';
  }
  return checked(problems, () => ({
    kind: 'sync-template',
    ...base(region, repositories),
    target: {
      remoteRegionId: draft.remoteRegionId,
      ...(remoteNamespace === '' ? {} : { remoteNamespace }),
      syncAuto: draft.syncAuto,
      override: draft.override,
    },
  }));
}

// ---------------------------------------------------------------------------------------------
// trigger-template

/** A trigger template as typed: the trigger's fields (`{repository}` in the workload's name). */
export type TriggerDraft = TriggerFieldValues;

export function triggerDraft(): TriggerDraft {
  return {
    name: '',
    mode: 'cce',
    clusterId: '',
    clusterName: '',
    clusterNs: 'default',
    appType: 'deployments',
    application: REPOSITORY_PLACEHOLDER,
    container: '',
    type: 'all',
    tags: '',
    pattern: '',
    enable: true,
  };
}

export function conditionOf(draft: TriggerDraft): string {
  return draft.type === 'all' ? '.*' : draft.type === 'tag' ? draft.tags.trim() : draft.pattern;
}

/**
 * Whether a workload name template can name a workload: `{repository}` taken as a short name
 * (each repository's trigger is checked again by the BFF, with its own name).
 */
function applicationProblem(application: string): Problem | undefined {
  if (application === '') return 'required';
  const sample = application.replaceAll(REPOSITORY_PLACEHOLDER, 'a');
  return application.length > 128 || !kubernetesName.safeParse(sample).success
    ? 'application'
    : undefined;
}

function kubernetesProblem(value: string, required: boolean): Problem | undefined {
  if (value === '') return required ? 'required' : undefined;
  return kubernetesName.safeParse(value).success ? undefined : 'kubernetesName';
}

function triggerProblems(draft: TriggerDraft): Problems {
  const problems: Problems = {};
  const add = (field: string, problem: Problem | undefined) => {
    if (problem !== undefined) problems[field] = problem;
  };
  const name = draft.name.trim();
  add(
    'name',
    name === '' ? 'required' : triggerName.safeParse(name).success ? undefined : 'triggerName',
  );
  if (draft.mode === 'cce') {
    add('clusterId', draft.clusterId.trim() === '' ? 'required' : undefined);
    add('clusterName', draft.clusterName.trim() === '' ? 'required' : undefined);
  }
  add('clusterNs', kubernetesProblem(draft.clusterNs.trim(), true));
  add('application', applicationProblem(draft.application.trim()));
  add('container', kubernetesProblem(draft.container.trim(), false));
  const condition = conditionOf(draft);
  if (draft.type !== 'all' && conditionProblem(draft.type, condition) !== undefined) {
    const wrong = draft.type === 'tag' ? 'conditionTags' : 'conditionRegex';
    add('condition', condition === '' ? 'required' : wrong);
  }
  return problems;
}

export function triggerSpecOf(
  region: string,
  repositories: readonly string[],
  draft: TriggerDraft,
): Checked<TriggerTemplateSpec> {
  const problems = triggerProblems(draft);
  const repositoriesWrong = repositoriesProblem(repositories);
  if (repositoriesWrong !== undefined) problems.repositories = repositoriesWrong;
  const cce = draft.mode === 'cce';
  const container = draft.container.trim();
  return checked(problems, () => ({
    kind: 'trigger-template',
    ...base(region, repositories),
    trigger: {
      name: draft.name.trim(),
      trigger_type: draft.type,
      condition: conditionOf(draft),
      trigger_mode: draft.mode,
      ...(cce
        ? { cluster_id: draft.clusterId.trim(), cluster_name: draft.clusterName.trim() }
        : {}),
      cluster_ns: draft.clusterNs.trim(),
      app_type: draft.appType,
      application: draft.application.trim(),
      ...(container === '' ? {} : { container }),
      enable: draft.enable,
    },
  }));
}

// ---------------------------------------------------------------------------------------------
// share-change

export interface ShareDraft {
  action: ShareChangeSpec['change']['action'];
  /** A share extended: until a UTC day, or forever. */
  term: 'date' | 'forever';
  /** `YYYY-MM-DD`, a UTC day: access ends as it begins. */
  date: string;
  /** Only the shares with these accounts; empty: any. */
  accounts: string;
  /** Only the shares ending before this UTC day; empty: whenever. */
  endingBefore: string;
}

export function shareDraft(): ShareDraft {
  return { action: 'extend', term: 'date', date: '', accounts: '', endingBefore: '' };
}

const DAY_MS = 86_400_000;

/** `2026-12-31` → `2026-12-31T00:00:00Z`: the moment that UTC day begins. */
export function dayStart(date: string): string {
  return `${date}T00:00:00Z`;
}

/** The first day a new end may be (tomorrow, UTC): an end must lie ahead. */
export function earliestDay(now: number): string {
  return new Date(now + DAY_MS).toISOString().slice(0, 10);
}

function dayProblem(date: string): Problem | undefined {
  if (date === '') return 'required';
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && Number.isFinite(Date.parse(dayStart(date)))
    ? undefined
    : 'date';
}

export function shareSpecOf(
  region: string,
  repositories: readonly string[],
  draft: ShareDraft,
  now: number,
): Checked<ShareChangeSpec> {
  const problems: Problems = {};
  const repositoriesWrong = repositoriesProblem(repositories);
  if (repositoriesWrong !== undefined) problems.repositories = repositoriesWrong;
  const extendsToDay = draft.action === 'extend' && draft.term === 'date';
  if (extendsToDay) {
    const problem = dayProblem(draft.date);
    if (problem !== undefined) problems.date = problem;
    else if (draft.date < earliestDay(now)) problems.date = 'datePast';
  }
  const accounts = nameList(draft.accounts);
  const accountsWrong = namesProblem(
    accounts,
    (name) => accountName.safeParse(name).success,
    'accounts',
  );
  if (accountsWrong !== undefined) problems.accounts = accountsWrong;
  const endingBefore = draft.endingBefore.trim();
  if (endingBefore !== '' && dayProblem(endingBefore) !== undefined) {
    problems.endingBefore = 'date';
  }
  return checked(problems, () => ({
    kind: 'share-change',
    ...base(region, repositories),
    ...(accounts.length === 0 ? {} : { accounts }),
    ...(endingBefore === '' ? {} : { endingBefore: dayStart(endingBefore) }),
    change:
      draft.action === 'revoke'
        ? { action: 'revoke' }
        : { action: 'extend', deadline: extendsToDay ? dayStart(draft.date) : 'forever' },
  }));
}

// ---------------------------------------------------------------------------------------------
// trigger-switch

export interface SwitchDraft {
  enable: boolean;
  /** Only the triggers of these names; empty: every trigger of the repositories. */
  triggers: string;
}

export function switchSpecOf(
  region: string,
  repositories: readonly string[],
  draft: SwitchDraft,
): Checked<TriggerSwitchSpec> {
  const problems: Problems = {};
  const repositoriesWrong = repositoriesProblem(repositories);
  if (repositoriesWrong !== undefined) problems.repositories = repositoriesWrong;
  const triggers = nameList(draft.triggers);
  const triggersWrong = namesProblem(
    triggers,
    (name) => triggerName.safeParse(name).success,
    'triggerNames',
  );
  if (triggersWrong !== undefined) problems.triggers = triggersWrong;
  return checked(problems, () => ({
    kind: 'trigger-switch',
    ...base(region, repositories),
    ...(triggers.length === 0 ? {} : { triggers }),
    enable: draft.enable,
  }));
}
