/**
 * A new deploy trigger: where it deploys (a CCE cluster's workload, or a CCI one), which tags
 * fire it (all, listed, or a regular expression, checked as typed and previewed against the
 * newest tags), and whether it starts enabled. What SWR refuses appears next to its field.
 *
 * When the console may read CCE in the region (`/api/directory/…`), the cluster, the Kubernetes
 * namespace and the workload are chosen from what CCE lists, already cut to the user's deploy
 * targets; where a list is missing, that field is typed as before (clusters of the repository's
 * triggers suggested).
 */
import {
  deployAllowed,
  isSwrError,
  type DirectoryUnavailableReason,
  kubernetesName,
  SWR_ERRORS,
  triggerMatches,
  triggerName,
  type DeployScope,
  type Trigger,
} from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { Field, Input, Select } from '../../../components/ui/field';
import { ErrorNotice } from '../../../components/ui/states';
import { clustersQuery, namespacesQuery, workloadsQuery } from '../../../lib/deploy-targets';
import { describeError, fieldError } from '../../../lib/errors';
import { useMe } from '../../../lib/session';
import { recentTagsQuery, useCreateTrigger, type RepositoryRef } from '../api';
import { conditionMessage, type TriggerType } from '../condition';

type Mode = Trigger['trigger_mode'];
type AppType = Trigger['app_type'];

interface TriggerForm {
  name: string;
  mode: Mode;
  clusterId: string;
  clusterName: string;
  appType: AppType;
  clusterNs: string;
  application: string;
  container: string;
  type: TriggerType;
  tags: string;
  pattern: string;
  enable: boolean;
}

const INITIAL: TriggerForm = {
  name: '',
  mode: 'cce',
  clusterId: '',
  clusterName: '',
  appType: 'deployments',
  clusterNs: 'default',
  application: '',
  container: '',
  type: 'all',
  tags: '',
  pattern: '',
  enable: true,
};

/** Why CCE's cluster list is missing, for the typed entry's note; none when not configured. */
const UNAVAILABLE_NOTES: Partial<Record<DirectoryUnavailableReason, string>> = {
  denied: 'create.directoryDenied',
  unreachable: 'create.directoryFailed',
  'invalid-response': 'create.directoryFailed',
};

/** Form fields and the body field SWR or the BFF may name in a refusal. */
const BODY_FIELDS = {
  name: 'name',
  clusterId: 'cluster_id',
  clusterName: 'cluster_name',
  clusterNs: 'cluster_ns',
  application: 'application',
  container: 'container',
  condition: 'condition',
} as const;
type FieldName = keyof typeof BODY_FIELDS;

function conditionOf(form: TriggerForm): string {
  return form.type === 'all' ? '.*' : form.type === 'tag' ? form.tags : form.pattern;
}

/** A group of radio buttons with a legend. */
function Choice<T extends string>({
  legend,
  name,
  value,
  options,
  onChange,
}: {
  legend: string;
  name: string;
  value: T;
  options: readonly { value: T; label: ReactNode }[];
  onChange: (value: T) => void;
}) {
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <div className="flex flex-wrap gap-x-5 gap-y-1">
        {options.map((option) => (
          <label key={option.value} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={name}
              checked={value === option.value}
              onChange={() => {
                onChange(option.value);
              }}
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** `any cluster (payments*); CCI (payments)`: where a limited user's triggers may deploy. */
function describeLimits(
  limits: readonly DeployScope[],
  t: (key: string, values?: Record<string, string>) => string,
): string {
  return limits
    .map((scope) =>
      t('create.deployLimit', {
        cluster:
          scope.cluster === '*'
            ? t('create.anyCluster')
            : scope.cluster === 'cci'
              ? t('mode.cciShort')
              : scope.cluster,
        namespaces: scope.namespaces.join(', '),
      }),
    )
    .join('; ');
}

export function CreateTriggerDialog({
  repository,
  triggers,
  onClose,
}: {
  repository: RepositoryRef;
  /** The repository's triggers: their names are taken, their clusters are suggested. */
  triggers: readonly Trigger[];
  onClose: () => void;
}) {
  const { t } = useTranslation(['triggers', 'common']);
  const ids = useId();
  const [form, setForm] = useState<TriggerForm>(INITIAL);
  const [submitted, setSubmitted] = useState(false);
  const create = useCreateTrigger(repository);
  const preview = useQuery({ ...recentTagsQuery(repository), enabled: form.type !== 'all' });
  // What CCE lists, for pickers. Once a cluster id is typed, the field stays a text field.
  const [typingCluster, setTypingCluster] = useState(false);
  const clusterList = useQuery({
    ...clustersQuery(repository.region),
    enabled: form.mode === 'cce',
  });
  const listedClusters =
    clusterList.data?.available === true && clusterList.data.clusters.length > 0
      ? clusterList.data.clusters
      : undefined;
  const pickCluster = form.mode === 'cce' && listedClusters !== undefined && !typingCluster;
  const pickedCluster = pickCluster
    ? listedClusters.find((cluster) => cluster.id === form.clusterId)
    : undefined;
  const namespaceList = useQuery({
    ...namespacesQuery(repository.region, form.clusterId),
    enabled: pickedCluster !== undefined,
  });
  const listedNamespaces =
    pickedCluster !== undefined &&
    namespaceList.data?.available === true &&
    namespaceList.data.namespaces.length > 0
      ? namespaceList.data.namespaces
      : undefined;
  const pickNamespace = listedNamespaces !== undefined;
  const workloadList = useQuery({
    ...workloadsQuery(repository.region, form.clusterId, form.clusterNs),
    enabled: listedNamespaces?.includes(form.clusterNs) === true,
  });
  const listedWorkloads =
    pickNamespace && workloadList.data?.available === true
      ? workloadList.data.workloads
          .filter((workload) => workload.type === form.appType)
          .map((workload) => workload.name)
      : undefined;
  const pickWorkload = listedWorkloads !== undefined && listedWorkloads.length > 0;
  // Why the cluster id is typed, when CCE's list is missing or empty.
  const clusterNote =
    form.mode !== 'cce' || listedClusters !== undefined || clusterList.data === undefined
      ? undefined
      : clusterList.data.available
        ? 'create.noClusters'
        : clusterList.data.reason === undefined
          ? undefined
          : UNAVAILABLE_NOTES[clusterList.data.reason];
  const clusters = [
    ...new Map(
      triggers
        .filter((trigger) => trigger.cluster_id !== '')
        .map((trigger) => [trigger.cluster_id, trigger.cluster_name] as const),
    ),
  ];
  const condition = conditionOf(form);
  // Where this user's triggers may deploy, when that is limited (null: anywhere).
  const limits = useMe().deployTargets;
  const outsideLimits =
    limits !== null &&
    kubernetesName.safeParse(form.clusterNs).success &&
    (form.mode === 'cci' || form.clusterId.trim() !== '') &&
    !deployAllowed(limits, {
      cluster: form.mode === 'cci' ? null : form.clusterId.trim(),
      namespace: form.clusterNs,
    });

  const update = (patch: Partial<TriggerForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    if (create.isError) create.reset();
  };

  const required = (value: string) =>
    submitted && value.trim() === '' ? t('create.required') : undefined;
  const k8s = (value: string) =>
    value !== '' && !kubernetesName.safeParse(value).success ? t('create.k8sRule') : undefined;
  const problems: Record<FieldName, string | undefined> = {
    name:
      form.name !== '' && !triggerName.safeParse(form.name).success
        ? t('create.nameRule')
        : triggers.some((trigger) => trigger.name === form.name)
          ? t('create.nameTaken')
          : required(form.name),
    clusterId: form.mode === 'cce' ? required(form.clusterId) : undefined,
    clusterName: form.mode === 'cce' ? required(form.clusterName) : undefined,
    clusterNs:
      k8s(form.clusterNs) ??
      required(form.clusterNs) ??
      (outsideLimits ? t('create.outsideLimits') : undefined),
    application: k8s(form.application) ?? required(form.application),
    container: k8s(form.container),
    condition:
      form.type !== 'all' && condition === '' && !submitted
        ? undefined
        : conditionMessage(form.type, condition, t),
  };
  const complete =
    form.name !== '' &&
    form.clusterNs !== '' &&
    form.application !== '' &&
    (form.mode === 'cci' || (form.clusterId !== '' && form.clusterName !== '')) &&
    conditionMessage(form.type, condition, t) === undefined;

  // What the server refused, next to its field.
  const refusal = ((): { field: FieldName; message: string } | undefined => {
    if (!create.isError || !isSwrError(create.error)) return undefined;
    for (const [field, bodyField] of Object.entries(BODY_FIELDS) as [FieldName, string][]) {
      const issue = fieldError(create.error, bodyField);
      if (issue !== undefined) return { field, message: issue };
    }
    const code = create.error.upstream?.code ?? create.error.code;
    if (code === SWR_ERRORS.invalidParam.code && form.mode === 'cce') {
      return {
        field: 'clusterId',
        message: t('create.clusterRefused', { message: describeError(create.error, t).message }),
      };
    }
    return undefined;
  })();
  const errorOf = (field: FieldName) =>
    problems[field] ?? (refusal?.field === field ? refusal.message : undefined);

  const submit = () => {
    setSubmitted(true);
    if (!complete || Object.values(problems).some((problem) => problem !== undefined)) return;
    create.mutate(
      {
        action: 'update',
        name: form.name,
        trigger_mode: form.mode,
        ...(form.mode === 'cce'
          ? { cluster_id: form.clusterId.trim(), cluster_name: form.clusterName.trim() }
          : {}),
        app_type: form.appType,
        cluster_ns: form.clusterNs,
        application: form.application,
        ...(form.container === '' ? {} : { container: form.container }),
        trigger_type: form.type,
        condition,
        enable: form.enable ? 'true' : 'false',
      },
      { onSuccess: onClose },
    );
  };

  const matches =
    form.type === 'all' || conditionMessage(form.type, condition, t) !== undefined
      ? undefined
      : preview.data?.tags.filter((tag) =>
          triggerMatches({ trigger_type: form.type, condition }, tag),
        );

  return (
    <Dialog
      open
      wide
      title={t('create.title')}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button variant="primary" type="submit" form="create-trigger" busy={create.isPending}>
            {t('common:actions.create')}
          </Button>
        </>
      }
    >
      <form
        id="create-trigger"
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Field label={t('create.name')} help={t('create.nameHelp')} error={errorOf('name')}>
          {(control) => (
            <Input
              {...control}
              value={form.name}
              autoFocus
              autoComplete="off"
              spellCheck={false}
              maxLength={64}
              onChange={(event) => {
                update({ name: event.target.value });
              }}
            />
          )}
        </Field>
        <Choice
          legend={t('create.mode')}
          name="trigger-mode"
          value={form.mode}
          options={[
            { value: 'cce', label: t('mode.cce') },
            { value: 'cci', label: t('mode.cci') },
          ]}
          onChange={(mode) => {
            update({ mode });
          }}
        />
        {form.mode === 'cce' ? (
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            {pickCluster ? (
              <Field
                label={t('create.clusterId')}
                help={t('create.clusterPickHelp')}
                error={errorOf('clusterId')}
              >
                {(control) => (
                  <Select
                    {...control}
                    value={form.clusterId}
                    onChange={(event) => {
                      const chosen = listedClusters.find(
                        (cluster) => cluster.id === event.target.value,
                      );
                      // Another cluster: its namespaces and workloads are chosen again.
                      update({
                        clusterId: event.target.value,
                        clusterName: chosen?.name ?? '',
                        clusterNs: '',
                        application: '',
                      });
                    }}
                  >
                    <option value="">{t('create.clusterChoose')}</option>
                    {listedClusters.map((cluster) => (
                      <option key={cluster.id} value={cluster.id}>
                        {cluster.phase === 'Available'
                          ? t('create.clusterOption', { name: cluster.name, id: cluster.id })
                          : t('create.clusterOptionPhase', {
                              name: cluster.name,
                              id: cluster.id,
                              phase:
                                cluster.phase === 'Unavailable'
                                  ? t('create.phaseUnavailable')
                                  : cluster.phase,
                            })}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            ) : (
              <Field
                label={t('create.clusterId')}
                help={
                  <>
                    {t('create.clusterIdHelp')}
                    {clusterNote === undefined ? null : <> {t(clusterNote)}</>}
                  </>
                }
                error={errorOf('clusterId')}
              >
                {(control) => (
                  <>
                    <Input
                      {...control}
                      list={`${ids}-clusters`}
                      value={form.clusterId}
                      autoComplete="off"
                      spellCheck={false}
                      maxLength={64}
                      className="font-mono"
                      onChange={(event) => {
                        const clusterId = event.target.value;
                        const known = clusters.find(([id]) => id === clusterId.trim());
                        setTypingCluster(true);
                        update(
                          known === undefined
                            ? { clusterId }
                            : { clusterId, clusterName: known[1] },
                        );
                      }}
                    />
                    <datalist id={`${ids}-clusters`}>
                      {clusters.map(([id, name]) => (
                        <option key={id} value={id} label={name} />
                      ))}
                    </datalist>
                  </>
                )}
              </Field>
            )}
            <Field
              label={t('create.clusterName')}
              help={t('create.clusterNameHelp')}
              error={errorOf('clusterName')}
            >
              {(control) => (
                <Input
                  {...control}
                  value={form.clusterName}
                  autoComplete="off"
                  maxLength={64}
                  onChange={(event) => {
                    update({ clusterName: event.target.value });
                  }}
                />
              )}
            </Field>
          </div>
        ) : (
          <p className="text-sm text-muted">{t('create.cciHelp')}</p>
        )}
        <Choice
          legend={t('create.appType')}
          name="trigger-app-type"
          value={form.appType}
          options={[
            { value: 'deployments', label: t('appType.deployments') },
            { value: 'statefulsets', label: t('appType.statefulsets') },
          ]}
          onChange={(appType) => {
            // A workload chosen from the list is of one type: choose again.
            update(pickWorkload ? { appType, application: '' } : { appType });
          }}
        />
        {limits === null ? null : (
          <p className="text-sm text-muted">
            {t('create.limits', { where: describeLimits(limits, t) })}
          </p>
        )}
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          <Field
            label={t('create.clusterNs')}
            help={
              pickedCluster === undefined
                ? undefined
                : namespaceList.isPending
                  ? t('create.namespacesLoading')
                  : pickNamespace
                    ? undefined
                    : t('create.namespacesUnavailable')
            }
            error={errorOf('clusterNs')}
          >
            {(control) =>
              pickNamespace ? (
                <Select
                  {...control}
                  value={form.clusterNs}
                  onChange={(event) => {
                    update({ clusterNs: event.target.value, application: '' });
                  }}
                >
                  <option value="">{t('create.namespaceChoose')}</option>
                  {listedNamespaces.map((namespace) => (
                    <option key={namespace} value={namespace}>
                      {namespace}
                    </option>
                  ))}
                </Select>
              ) : (
                <Input
                  {...control}
                  value={form.clusterNs}
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={63}
                  onChange={(event) => {
                    update({ clusterNs: event.target.value });
                  }}
                />
              )
            }
          </Field>
          <Field
            label={t('create.application')}
            help={
              !pickNamespace || form.clusterNs === ''
                ? undefined
                : workloadList.isPending
                  ? t('create.workloadsLoading')
                  : listedWorkloads === undefined
                    ? t('create.workloadsUnavailable')
                    : listedWorkloads.length === 0
                      ? t('create.workloadNone', {
                          kind: t(`appType.${form.appType}`),
                          namespace: form.clusterNs,
                        })
                      : undefined
            }
            error={errorOf('application')}
          >
            {(control) =>
              pickWorkload ? (
                <Select
                  {...control}
                  value={form.application}
                  onChange={(event) => {
                    update({ application: event.target.value });
                  }}
                >
                  <option value="">{t('create.workloadChoose')}</option>
                  {listedWorkloads.map((workload) => (
                    <option key={workload} value={workload}>
                      {workload}
                    </option>
                  ))}
                </Select>
              ) : (
                <Input
                  {...control}
                  value={form.application}
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={63}
                  onChange={(event) => {
                    update({ application: event.target.value });
                  }}
                />
              )
            }
          </Field>
          <Field
            label={t('create.container')}
            help={t('create.containerHelp')}
            error={errorOf('container')}
          >
            {(control) => (
              <Input
                {...control}
                value={form.container}
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
        <Choice
          legend={t('create.type')}
          name="trigger-type"
          value={form.type}
          options={[
            { value: 'all', label: t('type.all') },
            { value: 'tag', label: t('type.tag') },
            { value: 'regular', label: t('type.regular') },
          ]}
          onChange={(type) => {
            update({ type });
          }}
        />
        {form.type === 'tag' ? (
          <Field label={t('create.tags')} help={t('create.tagsHelp')} error={errorOf('condition')}>
            {(control) => (
              <Input
                {...control}
                value={form.tags}
                autoComplete="off"
                spellCheck={false}
                maxLength={1024}
                className="font-mono"
                onChange={(event) => {
                  update({ tags: event.target.value });
                }}
              />
            )}
          </Field>
        ) : null}
        {form.type === 'regular' ? (
          <Field
            label={t('create.pattern')}
            help={t('create.patternHelp')}
            error={errorOf('condition')}
          >
            {(control) => (
              <Input
                {...control}
                value={form.pattern}
                autoComplete="off"
                spellCheck={false}
                maxLength={1024}
                className="font-mono"
                onChange={(event) => {
                  update({ pattern: event.target.value });
                }}
              />
            )}
          </Field>
        ) : null}
        {matches === undefined || preview.data === undefined ? null : (
          <p aria-live="polite" className="text-sm text-muted">
            {matches.length === 0
              ? t('create.previewNone', { total: preview.data.tags.length })
              : t('create.preview', {
                  count: matches.length,
                  total: preview.data.tags.length,
                  tags: matches.slice(0, 8).join(', '),
                })}
          </p>
        )}
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={form.enable}
            onChange={(event) => {
              update({ enable: event.target.checked });
            }}
          />
          {t('create.enable')}
        </label>
      </form>
      {create.isError && refusal === undefined ? (
        <ErrorNotice error={create.error} what={t('create.failed')} />
      ) : null}
    </Dialog>
  );
}
