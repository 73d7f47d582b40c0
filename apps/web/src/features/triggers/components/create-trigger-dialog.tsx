/**
 * A new deploy trigger: where it deploys (a CCE cluster's workload, or a CCI one), which tags
 * fire it (all, listed, or a regular expression, checked as typed and previewed against the
 * newest tags), and whether it starts enabled. What SWR refuses appears next to its field.
 *
 * The fields are those of every form that makes a trigger (components/trigger-fields.tsx): when
 * the console may read CCE in the region (`/api/directory/…`), the cluster, the Kubernetes
 * namespace and the workload are chosen from what CCE lists, already cut to the user's deploy
 * targets; where a list is missing, that field is typed (clusters of the repository's triggers
 * suggested).
 */
import {
  isSwrError,
  kubernetesName,
  SWR_ERRORS,
  triggerMatches,
  triggerName,
  type Trigger,
} from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  TriggerFields,
  triggerFieldsTexts,
  useOutsideDeployTargets,
  type TriggerFieldValues,
} from '../../../components/trigger-fields';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { ErrorNotice } from '../../../components/ui/states';
import { describeError, fieldError } from '../../../lib/errors';
import { recentTagsQuery, useCreateTrigger, type RepositoryRef } from '../api';
import { conditionMessage } from '../condition';

const INITIAL: TriggerFieldValues = {
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

function conditionOf(form: TriggerFieldValues): string {
  return form.type === 'all' ? '.*' : form.type === 'tag' ? form.tags : form.pattern;
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
  const [form, setForm] = useState<TriggerFieldValues>(INITIAL);
  const [submitted, setSubmitted] = useState(false);
  const create = useCreateTrigger(repository);
  const preview = useQuery({ ...recentTagsQuery(repository), enabled: form.type !== 'all' });
  const clusters = [
    ...new Map(
      triggers
        .filter((trigger) => trigger.cluster_id !== '')
        .map((trigger) => [trigger.cluster_id, trigger.cluster_name] as const),
    ),
  ];
  const condition = conditionOf(form);
  const outsideLimits = useOutsideDeployTargets(form);

  const update = (patch: Partial<TriggerFieldValues>) => {
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
        <TriggerFields
          region={repository.region}
          values={form}
          onChange={update}
          errorOf={errorOf}
          texts={triggerFieldsTexts(t)}
          workload={{
            kind: 'pick',
            texts: {
              choose: t('create.workloadChoose'),
              loading: t('create.workloadsLoading'),
              unavailable: t('create.workloadsUnavailable'),
              none: (kind, namespace) => t('create.workloadNone', { kind, namespace }),
            },
          }}
          knownClusters={clusters}
          autoFocus
          conditionNote={
            matches === undefined || preview.data === undefined ? null : (
              <p aria-live="polite" className="text-sm text-muted">
                {matches.length === 0
                  ? t('create.previewNone', { total: preview.data.tags.length })
                  : t('create.preview', {
                      count: matches.length,
                      total: preview.data.tags.length,
                      tags: matches.slice(0, 8).join(', '),
                    })}
              </p>
            )
          }
        />
      </form>
      {create.isError && refusal === undefined ? (
        <ErrorNotice error={create.error} what={t('create.failed')} />
      ) : null}
    </Dialog>
  );
}
