/**
 * One deploy trigger for many repositories: its name, where it deploys (a CCE cluster's
 * Kubernetes namespace, or a CCI one; the workload's name may hold `{repository}`, each
 * repository's own name), which tags fire it, and whether it starts enabled. When the console may
 * read CCE in the region, the cluster and the namespace are chosen from what CCE lists (already
 * cut to the user's deploy targets) and the namespace's workloads are suggested; else they are
 * typed. A repository with a trigger of that name keeps it; one the trigger does not fit is left
 * out, saying why.
 */
import {
  deployAllowed,
  kubernetesName,
  REPOSITORY_PLACEHOLDER,
  type DeployScope,
  type DirectoryUnavailableReason,
  type TriggerTemplateSpec,
} from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, Input, Select } from '../../../components/ui/field';
import { RadioGroup } from '../../../components/ui/radio-group';
import { clustersQuery, namespacesQuery, workloadsQuery } from '../../../lib/deploy-targets';
import { useMe } from '../../../lib/session';
import { triggerDraft, triggerSpecOf, type Checked, type TriggerDraft } from '../template-drafts';
import type { JobsT } from '../texts';
import { TemplateForm, type ProblemOf } from './template-form';

/** Why CCE's cluster list is missing, for the typed entry's note; none when not configured. */
const UNAVAILABLE_NOTES: Partial<Record<DirectoryUnavailableReason, string>> = {
  denied: 'newJob.trigger.directoryDenied',
  unreachable: 'newJob.trigger.directoryFailed',
  'invalid-response': 'newJob.trigger.directoryFailed',
};

interface FieldsProps {
  region: string;
  draft: TriggerDraft;
  update: (patch: Partial<TriggerDraft>) => void;
  problem: ProblemOf;
}

/** `any cluster (payments*); CCI (payments)`: where a limited user's triggers may deploy. */
function limitsText(limits: readonly DeployScope[], t: JobsT): string {
  return limits
    .map((scope) =>
      t('newJob.trigger.deployLimit', {
        cluster:
          scope.cluster === '*'
            ? t('newJob.trigger.anyCluster')
            : scope.cluster === 'cci'
              ? 'CCI'
              : scope.cluster,
        namespaces: scope.namespaces.join(', '),
      }),
    )
    .join('; ');
}

/** The cluster (chosen from CCE's list, or typed) and the Kubernetes namespace. */
function WhereFields({ region, draft, update, problem }: FieldsProps) {
  const { t } = useTranslation(['jobs', 'common']);
  const cce = draft.mode === 'cce';
  const clusterList = useQuery({ ...clustersQuery(region), enabled: cce });
  const listed =
    clusterList.data?.available === true && clusterList.data.clusters.length > 0
      ? clusterList.data.clusters
      : undefined;
  const picked = cce ? listed?.find((cluster) => cluster.id === draft.clusterId) : undefined;
  const namespaceList = useQuery({
    ...namespacesQuery(region, draft.clusterId),
    enabled: picked !== undefined,
  });
  const namespaces =
    picked !== undefined &&
    namespaceList.data?.available === true &&
    namespaceList.data.namespaces.length > 0
      ? namespaceList.data.namespaces
      : undefined;
  const note =
    !cce || listed !== undefined || clusterList.data === undefined
      ? undefined
      : clusterList.data.available
        ? 'newJob.trigger.noClusters'
        : clusterList.data.reason === undefined
          ? undefined
          : UNAVAILABLE_NOTES[clusterList.data.reason];
  const namespaceField = (
    <Field
      label={t('newJob.trigger.clusterNs')}
      help={
        picked === undefined
          ? undefined
          : namespaceList.isPending
            ? t('newJob.trigger.namespacesLoading')
            : namespaces === undefined
              ? t('newJob.trigger.namespacesUnavailable')
              : undefined
      }
      error={problem('clusterNs')}
    >
      {(control) =>
        namespaces === undefined ? (
          <Input
            {...control}
            value={draft.clusterNs}
            autoComplete="off"
            spellCheck={false}
            maxLength={63}
            onChange={(event) => {
              update({ clusterNs: event.target.value });
            }}
          />
        ) : (
          <Select
            {...control}
            value={draft.clusterNs}
            onChange={(event) => {
              update({ clusterNs: event.target.value });
            }}
          >
            <option value="">{t('newJob.trigger.namespaceChoose')}</option>
            {namespaces.map((namespace) => (
              <option key={namespace} value={namespace}>
                {namespace}
              </option>
            ))}
          </Select>
        )
      }
    </Field>
  );
  if (!cce) {
    return (
      <div className="grid gap-3 md:grid-cols-3">
        <p className="text-sm text-muted md:col-span-2">{t('newJob.trigger.cciHelp')}</p>
        {namespaceField}
      </div>
    );
  }
  return (
    <div className="grid gap-3 md:grid-cols-3">
      {listed === undefined ? (
        <>
          <Field
            label={t('newJob.trigger.clusterId')}
            help={
              <>
                {t('newJob.trigger.clusterIdHelp')}
                {note === undefined ? null : <> {t(note)}</>}
              </>
            }
            error={problem('clusterId')}
          >
            {(control) => (
              <Input
                {...control}
                className="font-mono"
                value={draft.clusterId}
                autoComplete="off"
                spellCheck={false}
                maxLength={64}
                onChange={(event) => {
                  update({ clusterId: event.target.value });
                }}
              />
            )}
          </Field>
          <Field label={t('newJob.trigger.clusterName')} error={problem('clusterName')}>
            {(control) => (
              <Input
                {...control}
                value={draft.clusterName}
                autoComplete="off"
                maxLength={64}
                onChange={(event) => {
                  update({ clusterName: event.target.value });
                }}
              />
            )}
          </Field>
        </>
      ) : (
        <Field
          className="md:col-span-2"
          label={t('newJob.trigger.cluster')}
          help={t('newJob.trigger.clusterPickHelp')}
          error={problem('clusterId')}
        >
          {(control) => (
            <Select
              {...control}
              value={draft.clusterId}
              onChange={(event) => {
                const chosen = listed.find((cluster) => cluster.id === event.target.value);
                // Another cluster: its namespace is chosen again.
                update({
                  clusterId: event.target.value,
                  clusterName: chosen?.name ?? '',
                  clusterNs: '',
                });
              }}
            >
              <option value="">{t('newJob.trigger.clusterChoose')}</option>
              {listed.map((cluster) => (
                <option key={cluster.id} value={cluster.id}>
                  {t('newJob.trigger.clusterOption', { name: cluster.name, id: cluster.id })}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      {namespaceField}
    </div>
  );
}

/** The workload type, its name (with `{repository}`; the namespace's workloads suggested), the container. */
function WorkloadFields({ region, draft, update, problem }: FieldsProps) {
  const { t } = useTranslation(['jobs', 'common']);
  const listId = useId();
  const cce = draft.mode === 'cce';
  const workloadList = useQuery({
    ...workloadsQuery(region, draft.clusterId, draft.clusterNs),
    enabled: cce && draft.clusterId !== '' && kubernetesName.safeParse(draft.clusterNs).success,
  });
  const suggested =
    workloadList.data?.available === true
      ? workloadList.data.workloads
          .filter((workload) => workload.type === draft.appType)
          .map((workload) => workload.name)
      : [];
  return (
    <>
      <RadioGroup<TriggerDraft['appType']>
        legend={t('newJob.trigger.appType')}
        value={draft.appType}
        inline
        options={[
          { value: 'deployments', label: t('appTypes.deployments') },
          { value: 'statefulsets', label: t('appTypes.statefulsets') },
        ]}
        onChange={(appType) => {
          update({ appType });
        }}
      />
      <div className="grid gap-3 md:grid-cols-2">
        <Field
          label={t('newJob.trigger.application')}
          help={t('newJob.trigger.applicationHelp', { placeholder: REPOSITORY_PLACEHOLDER })}
          error={problem('application', { placeholder: REPOSITORY_PLACEHOLDER })}
        >
          {(control) => (
            <>
              <Input
                {...control}
                className="font-mono"
                list={listId}
                value={draft.application}
                autoComplete="off"
                spellCheck={false}
                maxLength={128}
                onChange={(event) => {
                  update({ application: event.target.value });
                }}
              />
              <datalist id={listId}>
                {suggested.map((name) => (
                  <option key={name} value={name} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field
          label={t('newJob.trigger.container')}
          help={t('newJob.trigger.containerHelp')}
          error={problem('container')}
        >
          {(control) => (
            <Input
              {...control}
              value={draft.container}
              autoComplete="off"
              spellCheck={false}
              maxLength={63}
              onChange={(event) => {
                update({ container: event.target.value });
              }}
            />
          )}
        </Field>
      </div>
    </>
  );
}

/** Which tags fire it: all, listed ones, or those matching a regular expression. */
function ConditionFields({ draft, update, problem }: Omit<FieldsProps, 'region'>) {
  const { t } = useTranslation(['jobs', 'common']);
  return (
    <>
      <RadioGroup<TriggerDraft['type']>
        legend={t('newJob.trigger.type')}
        value={draft.type}
        inline
        options={[
          { value: 'all', label: t('newJob.trigger.types.all') },
          { value: 'tag', label: t('newJob.trigger.types.tag') },
          { value: 'regular', label: t('newJob.trigger.types.regular') },
        ]}
        onChange={(type) => {
          update({ type });
        }}
      />
      {draft.type === 'all' ? null : (
        <Field
          label={t(draft.type === 'tag' ? 'newJob.trigger.tags' : 'newJob.trigger.pattern')}
          help={t(draft.type === 'tag' ? 'newJob.trigger.tagsHelp' : 'newJob.trigger.patternHelp')}
          error={problem('condition')}
        >
          {(control) => (
            <Input
              {...control}
              className="font-mono"
              value={draft.type === 'tag' ? draft.tags : draft.pattern}
              autoComplete="off"
              spellCheck={false}
              maxLength={1024}
              onChange={(event) => {
                update(
                  draft.type === 'tag'
                    ? { tags: event.target.value }
                    : { pattern: event.target.value },
                );
              }}
            />
          )}
        </Field>
      )}
    </>
  );
}

export function NewTrigger({
  region,
  initial,
  onClose,
}: {
  region: string;
  /** Repositories a link chose. */
  initial: string[];
  onClose: () => void;
}) {
  const { t } = useTranslation(['jobs', 'common']);
  const [repositories, setRepositories] = useState(initial);
  const [draft, setDraft] = useState<TriggerDraft>(triggerDraft);
  const update = (patch: Partial<TriggerDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
  };
  // Where this user's triggers may deploy, when that is limited (null: anywhere).
  const limits = useMe().deployTargets;
  const namespace = draft.clusterNs.trim();
  const outside =
    limits !== null &&
    kubernetesName.safeParse(namespace).success &&
    (draft.mode === 'cci' || draft.clusterId.trim() !== '') &&
    !deployAllowed(limits, {
      cluster: draft.mode === 'cci' ? null : draft.clusterId.trim(),
      namespace,
    });
  const spec = triggerSpecOf(region, repositories, draft);
  const checked: Checked<TriggerTemplateSpec> = outside
    ? {
        ok: false,
        problems: { ...(spec.ok ? {} : spec.problems), clusterNs: 'outsideLimits' },
      }
    : spec;
  return (
    <TemplateForm
      kind="trigger-template"
      region={region}
      repositories={repositories}
      onRepositoriesChange={setRepositories}
      checked={checked}
      onClose={onClose}
    >
      {(problem) => (
        <>
          <Field
            className="max-w-md"
            label={t('newJob.trigger.name')}
            help={t('newJob.trigger.nameHelp')}
            error={problem('name')}
          >
            {(control) => (
              <Input
                {...control}
                value={draft.name}
                autoComplete="off"
                spellCheck={false}
                maxLength={64}
                onChange={(event) => {
                  update({ name: event.target.value });
                }}
              />
            )}
          </Field>
          <RadioGroup<TriggerDraft['mode']>
            legend={t('newJob.trigger.mode')}
            value={draft.mode}
            inline
            options={[
              { value: 'cce', label: t('newJob.trigger.modes.cce') },
              { value: 'cci', label: t('newJob.trigger.modes.cci') },
            ]}
            onChange={(mode) => {
              update({ mode });
            }}
          />
          {limits === null ? null : (
            <p className="text-sm text-muted">
              {t('newJob.trigger.limits', { where: limitsText(limits, t) })}
            </p>
          )}
          <WhereFields region={region} draft={draft} update={update} problem={problem} />
          <WorkloadFields region={region} draft={draft} update={update} problem={problem} />
          <ConditionFields draft={draft} update={update} problem={problem} />
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={draft.enable}
              onChange={(event) => {
                update({ enable: event.target.checked });
              }}
            />
            {t('newJob.trigger.enable')}
          </label>
        </>
      )}
    </TemplateForm>
  );
}
