/**
 * A deploy trigger's fields, for every form that makes one (a repository's create-trigger dialog,
 * the Jobs page's trigger template): its name; where it deploys (a CCE cluster's Kubernetes
 * namespace, or a CCI one), with where a limited user's triggers may deploy; the workload's type
 * and name and the container; which tags fire it; and whether it starts enabled.
 *
 * When the console may read CCE in the region (lib/deploy-targets.ts, already cut to the user's
 * deploy targets), the cluster and the namespace are chosen from what CCE lists, and the
 * namespace's workloads are offered; where a list is missing, that field is typed, saying why.
 * Once a cluster id is typed, the field stays a text field. The texts are the form's own, already
 * translated ({@link triggerFieldsTexts}); its errors too.
 */
import {
  deployAllowed,
  kubernetesName,
  type DeployScope,
  type DirectoryCluster,
  type DirectoryUnavailableReason,
  type Trigger,
} from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { clustersQuery, namespacesQuery, workloadsQuery } from '../lib/deploy-targets';
import { useMe } from '../lib/session';
import { Field, Input, Select } from './ui/field';
import { RadioGroup } from './ui/radio-group';

type TriggerMode = Trigger['trigger_mode'];
type WorkloadType = Trigger['app_type'];
type TriggerType = Trigger['trigger_type'];

/** A trigger's fields as typed (a form's draft). */
export interface TriggerFieldValues {
  name: string;
  mode: TriggerMode;
  clusterId: string;
  clusterName: string;
  clusterNs: string;
  appType: WorkloadType;
  /** The workload's name (in a template, `{repository}` stands for each repository's name). */
  application: string;
  container: string;
  type: TriggerType;
  /** The tags of a `tag` trigger, separated by `;`. */
  tags: string;
  /** The regular expression of a `regular` trigger. */
  pattern: string;
  enable: boolean;
}

/** The fields an error may be shown next to (`condition`: the tags or the pattern). */
export type TriggerField =
  'name' | 'clusterId' | 'clusterName' | 'clusterNs' | 'application' | 'container' | 'condition';

export interface TriggerFieldsTexts {
  name: string;
  nameHelp: string;
  mode: string;
  modes: Record<TriggerMode, string>;
  /** "Your triggers may deploy only to: …" for a user whose triggers are limited. */
  limits: (limits: readonly DeployScope[]) => string;
  /** The label of the cluster chosen from CCE's list. */
  cluster: string;
  clusterPickHelp: string;
  clusterChoose: string;
  clusterOption: (cluster: DirectoryCluster) => string;
  /** The label of the cluster id typed. */
  clusterId: string;
  clusterIdHelp: string;
  /** Why the id is typed: CCE lists no cluster, or its list is missing for a reason. */
  noClusters: string;
  unavailable: Partial<Record<DirectoryUnavailableReason, string>>;
  clusterName: string;
  clusterNameHelp: string;
  cciHelp: string;
  clusterNs: string;
  namespaceChoose: string;
  namespacesLoading: string;
  namespacesUnavailable: string;
  appType: string;
  appTypes: Record<WorkloadType, string>;
  application: string;
  container: string;
  containerHelp: string;
  type: string;
  types: Record<TriggerType, string>;
  tags: string;
  tagsHelp: string;
  pattern: string;
  patternHelp: string;
  enable: string;
}

/** What `t` needs to be for {@link triggerFieldsTexts}: a form's, with its namespace first. */
type FormT = (key: string, options?: Record<string, string>) => string;

/** A form's texts from its `triggerFields.*` strings. */
export function triggerFieldsTexts(t: FormT): TriggerFieldsTexts {
  const failed = t('triggerFields.directoryFailed');
  return {
    name: t('triggerFields.name'),
    nameHelp: t('triggerFields.nameHelp'),
    mode: t('triggerFields.mode'),
    modes: { cce: t('triggerFields.modes.cce'), cci: t('triggerFields.modes.cci') },
    // `any cluster (Kubernetes namespaces payments*); CCI (…)`.
    limits: (limits) =>
      t('triggerFields.limits', {
        where: limits
          .map((scope) =>
            t('triggerFields.deployLimit', {
              cluster:
                scope.cluster === '*'
                  ? t('triggerFields.anyCluster')
                  : scope.cluster === 'cci'
                    ? 'CCI'
                    : scope.cluster,
              namespaces: scope.namespaces.join(', '),
            }),
          )
          .join('; '),
      }),
    cluster: t('triggerFields.cluster'),
    clusterPickHelp: t('triggerFields.clusterPickHelp'),
    clusterChoose: t('triggerFields.clusterChoose'),
    clusterOption: ({ name, id, phase }) =>
      phase === 'Available'
        ? t('triggerFields.clusterOption', { name, id })
        : t('triggerFields.clusterOptionPhase', {
            name,
            id,
            phase: phase === 'Unavailable' ? t('triggerFields.phaseUnavailable') : phase,
          }),
    clusterId: t('triggerFields.clusterId'),
    clusterIdHelp: t('triggerFields.clusterIdHelp'),
    noClusters: t('triggerFields.noClusters'),
    // None when CCE is not configured: typing is then simply the way.
    unavailable: {
      denied: t('triggerFields.directoryDenied'),
      unreachable: failed,
      'invalid-response': failed,
    },
    clusterName: t('triggerFields.clusterName'),
    clusterNameHelp: t('triggerFields.clusterNameHelp'),
    cciHelp: t('triggerFields.cciHelp'),
    clusterNs: t('triggerFields.clusterNs'),
    namespaceChoose: t('triggerFields.namespaceChoose'),
    namespacesLoading: t('triggerFields.namespacesLoading'),
    namespacesUnavailable: t('triggerFields.namespacesUnavailable'),
    appType: t('triggerFields.appType'),
    appTypes: {
      deployments: t('triggerFields.appTypes.deployments'),
      statefulsets: t('triggerFields.appTypes.statefulsets'),
    },
    application: t('triggerFields.application'),
    container: t('triggerFields.container'),
    containerHelp: t('triggerFields.containerHelp'),
    type: t('triggerFields.type'),
    types: {
      all: t('triggerFields.types.all'),
      tag: t('triggerFields.types.tag'),
      regular: t('triggerFields.types.regular'),
    },
    tags: t('triggerFields.tags'),
    tagsHelp: t('triggerFields.tagsHelp'),
    pattern: t('triggerFields.pattern'),
    patternHelp: t('triggerFields.patternHelp'),
    enable: t('triggerFields.enable'),
  };
}

/**
 * How the workload is named. `pick`: one workload, chosen from the namespace's list when CCE lists
 * it (else typed), and chosen again when the cluster, the namespace or the type changes.
 * `template`: a name typed with a placeholder, the namespace's workloads of the type suggested.
 */
export type WorkloadEntry =
  | {
      kind: 'pick';
      texts: {
        choose: string;
        loading: string;
        unavailable: string;
        /** No workload of the type in the namespace: `kind` is the type's label. */
        none: (kind: string, namespace: string) => string;
      };
    }
  | { kind: 'template'; help: string };

/**
 * Whether the cluster and namespace typed or chosen lie outside where this user's triggers may
 * deploy (never when they are not limited, nor before both are given).
 */
export function useOutsideDeployTargets(
  values: Pick<TriggerFieldValues, 'mode' | 'clusterId' | 'clusterNs'>,
): boolean {
  // Where this user's triggers may deploy, when that is limited (null: anywhere).
  const limits = useMe().deployTargets;
  const namespace = values.clusterNs.trim();
  const cluster = values.mode === 'cci' ? null : values.clusterId.trim();
  return (
    limits !== null &&
    kubernetesName.safeParse(namespace).success &&
    cluster !== '' &&
    !deployAllowed(limits, { cluster, namespace })
  );
}

interface Common {
  values: TriggerFieldValues;
  onChange: (patch: Partial<TriggerFieldValues>) => void;
  errorOf: (field: TriggerField) => string | undefined;
  texts: TriggerFieldsTexts;
}

export interface TriggerFieldsProps extends Common {
  region: string;
  workload: WorkloadEntry;
  /**
   * Clusters suggested for a typed cluster id, as `[id, name]` (a known id fills the name);
   * without it the id is typed with no suggestions.
   */
  knownClusters?: readonly (readonly [string, string])[];
  /** The name field takes the focus as the form opens. */
  autoFocus?: boolean;
  /** Said under the condition (e.g. which recent tags it matches). */
  conditionNote?: ReactNode;
}

/** What CCE lists of the region's clusters, the chosen cluster's namespaces and their workloads. */
function useListed(region: string, values: TriggerFieldValues, workload: WorkloadEntry['kind']) {
  const cce = values.mode === 'cce';
  // Once a cluster id is typed, the field stays a text field.
  const [typingCluster, setTypingCluster] = useState(false);
  const clusterList = useQuery({ ...clustersQuery(region), enabled: cce });
  const clusters =
    clusterList.data?.available === true && clusterList.data.clusters.length > 0
      ? clusterList.data.clusters
      : undefined;
  const pickCluster = cce && clusters !== undefined && !typingCluster;
  const picked = pickCluster
    ? clusters.find((cluster) => cluster.id === values.clusterId)
    : undefined;
  const namespaceList = useQuery({
    ...namespacesQuery(region, values.clusterId),
    enabled: picked !== undefined,
  });
  const namespaces =
    picked !== undefined &&
    namespaceList.data?.available === true &&
    namespaceList.data.namespaces.length > 0
      ? namespaceList.data.namespaces
      : undefined;
  const workloadList = useQuery({
    ...workloadsQuery(region, values.clusterId, values.clusterNs),
    // A workload is picked from a listed namespace; a template's are suggested wherever CCE tells.
    enabled:
      workload === 'pick'
        ? namespaces?.includes(values.clusterNs) === true
        : cce && values.clusterId !== '' && kubernetesName.safeParse(values.clusterNs).success,
  });
  const workloads =
    workloadList.data?.available === true
      ? workloadList.data.workloads
          .filter((listed) => listed.type === values.appType)
          .map((listed) => listed.name)
      : undefined;
  // Why the cluster id is typed, when CCE's list is missing or empty.
  const clusterNote: DirectoryUnavailableReason | 'none' | undefined =
    !cce || clusters !== undefined || clusterList.data === undefined
      ? undefined
      : clusterList.data.available
        ? 'none'
        : clusterList.data.reason;
  return {
    clusters: pickCluster ? clusters : undefined,
    clusterNote,
    onTypeCluster: () => {
      setTypingCluster(true);
    },
    picked,
    namespacesPending: namespaceList.isPending,
    namespaces,
    workloadsPending: workloadList.isPending,
    workloads,
  };
}

type Listed = ReturnType<typeof useListed>;

export function TriggerFields(props: TriggerFieldsProps) {
  const { region, values, onChange, errorOf, texts, workload } = props;
  const limits = useMe().deployTargets;
  const listed = useListed(region, values, workload.kind);
  const common = { values, onChange, errorOf, texts };
  return (
    <>
      <Field className="max-w-md" label={texts.name} help={texts.nameHelp} error={errorOf('name')}>
        {(control) => (
          <Input
            {...control}
            value={values.name}
            autoFocus={props.autoFocus}
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            onChange={(event) => {
              onChange({ name: event.target.value });
            }}
          />
        )}
      </Field>
      <RadioGroup<TriggerMode>
        legend={texts.mode}
        value={values.mode}
        inline
        options={[
          { value: 'cce', label: texts.modes.cce },
          { value: 'cci', label: texts.modes.cci },
        ]}
        onChange={(mode) => {
          onChange({ mode });
        }}
      />
      {limits === null ? null : <p className="text-sm text-muted">{texts.limits(limits)}</p>}
      <WhereFields
        {...common}
        listed={listed}
        pick={workload.kind === 'pick'}
        knownClusters={props.knownClusters}
      />
      <WorkloadFields {...common} listed={listed} workload={workload} />
      <ConditionFields {...common} />
      {props.conditionNote}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={values.enable}
          onChange={(event) => {
            onChange({ enable: event.target.checked });
          }}
        />
        {texts.enable}
      </label>
    </>
  );
}

/** The cluster (chosen from CCE's list, or typed), its name, and the Kubernetes namespace. */
function WhereFields({
  values,
  onChange,
  errorOf,
  texts,
  listed,
  pick,
  knownClusters,
}: Common & {
  listed: Listed;
  /** The workload is picked: another cluster or namespace chooses it again. */
  pick: boolean;
  knownClusters: TriggerFieldsProps['knownClusters'];
}) {
  const suggestionsId = useId();
  const { clusters, clusterNote, picked, namespaces } = listed;
  const again = pick ? { application: '' } : {};
  const note =
    clusterNote === undefined
      ? undefined
      : clusterNote === 'none'
        ? texts.noClusters
        : texts.unavailable[clusterNote];
  const namespaceField = (
    <Field
      label={texts.clusterNs}
      help={
        picked === undefined
          ? undefined
          : listed.namespacesPending
            ? texts.namespacesLoading
            : namespaces === undefined
              ? texts.namespacesUnavailable
              : undefined
      }
      error={errorOf('clusterNs')}
    >
      {(control) =>
        namespaces === undefined ? (
          <Input
            {...control}
            value={values.clusterNs}
            autoComplete="off"
            spellCheck={false}
            maxLength={63}
            onChange={(event) => {
              onChange({ clusterNs: event.target.value });
            }}
          />
        ) : (
          <Select
            {...control}
            value={values.clusterNs}
            onChange={(event) => {
              onChange({ clusterNs: event.target.value, ...again });
            }}
          >
            <option value="">{texts.namespaceChoose}</option>
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
  if (values.mode === 'cci') {
    return (
      <div className="grid gap-3 md:grid-cols-3">
        <p className="text-sm text-muted md:col-span-2">{texts.cciHelp}</p>
        {namespaceField}
      </div>
    );
  }
  return (
    <div className="grid gap-3 md:grid-cols-3">
      {clusters === undefined ? (
        <Field
          label={texts.clusterId}
          help={
            <>
              {texts.clusterIdHelp}
              {note === undefined ? null : <> {note}</>}
            </>
          }
          error={errorOf('clusterId')}
        >
          {(control) => (
            <>
              <Input
                {...control}
                className="font-mono"
                list={knownClusters === undefined ? undefined : suggestionsId}
                value={values.clusterId}
                autoComplete="off"
                spellCheck={false}
                maxLength={64}
                onChange={(event) => {
                  const clusterId = event.target.value;
                  const known = knownClusters?.find(([id]) => id === clusterId.trim());
                  listed.onTypeCluster();
                  onChange(
                    known === undefined ? { clusterId } : { clusterId, clusterName: known[1] },
                  );
                }}
              />
              {knownClusters === undefined ? null : (
                <datalist id={suggestionsId}>
                  {knownClusters.map(([id, name]) => (
                    <option key={id} value={id} label={name} />
                  ))}
                </datalist>
              )}
            </>
          )}
        </Field>
      ) : (
        <Field label={texts.cluster} help={texts.clusterPickHelp} error={errorOf('clusterId')}>
          {(control) => (
            <Select
              {...control}
              value={values.clusterId}
              onChange={(event) => {
                const chosen = clusters.find((cluster) => cluster.id === event.target.value);
                // Another cluster: its namespace (and a picked workload) are chosen again.
                onChange({
                  clusterId: event.target.value,
                  clusterName: chosen?.name ?? '',
                  clusterNs: '',
                  ...again,
                });
              }}
            >
              <option value="">{texts.clusterChoose}</option>
              {clusters.map((cluster) => (
                <option key={cluster.id} value={cluster.id}>
                  {texts.clusterOption(cluster)}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <Field label={texts.clusterName} help={texts.clusterNameHelp} error={errorOf('clusterName')}>
        {(control) => (
          <Input
            {...control}
            value={values.clusterName}
            autoComplete="off"
            maxLength={64}
            onChange={(event) => {
              onChange({ clusterName: event.target.value });
            }}
          />
        )}
      </Field>
      {namespaceField}
    </div>
  );
}

/** The workload type, its name (picked, or typed with suggestions), the container. */
function WorkloadFields({
  values,
  onChange,
  errorOf,
  texts,
  listed,
  workload,
}: Common & { listed: Listed; workload: WorkloadEntry }) {
  const suggestionsId = useId();
  const pickTexts = workload.kind === 'pick' ? workload.texts : undefined;
  // A picked workload is chosen from a namespace CCE lists.
  const pickable =
    pickTexts !== undefined && listed.namespaces !== undefined ? listed.workloads : undefined;
  const picking = pickable !== undefined && pickable.length > 0;
  const help =
    workload.kind === 'template'
      ? workload.help
      : listed.namespaces === undefined || values.clusterNs === ''
        ? undefined
        : listed.workloadsPending
          ? workload.texts.loading
          : pickable === undefined
            ? workload.texts.unavailable
            : pickable.length === 0
              ? workload.texts.none(texts.appTypes[values.appType], values.clusterNs)
              : undefined;
  return (
    <>
      <RadioGroup<WorkloadType>
        legend={texts.appType}
        value={values.appType}
        inline
        options={[
          { value: 'deployments', label: texts.appTypes.deployments },
          { value: 'statefulsets', label: texts.appTypes.statefulsets },
        ]}
        onChange={(appType) => {
          // A workload picked from the list is of one type: it is chosen again.
          onChange(picking ? { appType, application: '' } : { appType });
        }}
      />
      <div className="grid gap-3 md:grid-cols-2">
        <Field label={texts.application} help={help} error={errorOf('application')}>
          {(control) =>
            pickTexts === undefined ? (
              <>
                <Input
                  {...control}
                  className="font-mono"
                  list={suggestionsId}
                  value={values.application}
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={128}
                  onChange={(event) => {
                    onChange({ application: event.target.value });
                  }}
                />
                <datalist id={suggestionsId}>
                  {(listed.workloads ?? []).map((name) => (
                    <option key={name} value={name} />
                  ))}
                </datalist>
              </>
            ) : picking ? (
              <Select
                {...control}
                value={values.application}
                onChange={(event) => {
                  onChange({ application: event.target.value });
                }}
              >
                <option value="">{pickTexts.choose}</option>
                {pickable.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </Select>
            ) : (
              <Input
                {...control}
                value={values.application}
                autoComplete="off"
                spellCheck={false}
                maxLength={63}
                onChange={(event) => {
                  onChange({ application: event.target.value });
                }}
              />
            )
          }
        </Field>
        <Field label={texts.container} help={texts.containerHelp} error={errorOf('container')}>
          {(control) => (
            <Input
              {...control}
              value={values.container}
              autoComplete="off"
              spellCheck={false}
              maxLength={63}
              onChange={(event) => {
                onChange({ container: event.target.value });
              }}
            />
          )}
        </Field>
      </div>
    </>
  );
}

/** Which tags fire it: all, listed ones, or those matching a regular expression. */
function ConditionFields({ values, onChange, errorOf, texts }: Common) {
  const listed = values.type === 'tag';
  return (
    <>
      <RadioGroup<TriggerType>
        legend={texts.type}
        value={values.type}
        inline
        options={[
          { value: 'all', label: texts.types.all },
          { value: 'tag', label: texts.types.tag },
          { value: 'regular', label: texts.types.regular },
        ]}
        onChange={(type) => {
          onChange({ type });
        }}
      />
      {values.type === 'all' ? null : (
        <Field
          label={listed ? texts.tags : texts.pattern}
          help={listed ? texts.tagsHelp : texts.patternHelp}
          error={errorOf('condition')}
        >
          {(control) => (
            <Input
              {...control}
              className="font-mono"
              value={listed ? values.tags : values.pattern}
              autoComplete="off"
              spellCheck={false}
              maxLength={1024}
              onChange={(event) => {
                onChange(listed ? { tags: event.target.value } : { pattern: event.target.value });
              }}
            />
          )}
        </Field>
      )}
    </>
  );
}
