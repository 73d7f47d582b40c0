/**
 * The targets a request names, read from its operation's declaration (`targets` in the contract):
 * the organizations it acts on (in which region), the other regions it reaches, the accounts it
 * names and where a trigger deploys. The BFF authorizes every one of them and names them all in
 * the audit record; docs/authorization.md explains each kind.
 */
import type { DeployTargetFields, OperationTargets, TargetField } from './define';
import { operations, type OperationName } from './operations';

export const TARGET_KINDS = [
  'namespace',
  'region',
  'project',
  'account',
  'cluster',
  'kubernetesNamespace',
  'workload',
] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** One thing a request names. `region` is set on organizations (the region they are in). */
export interface Target {
  kind: TargetKind;
  name: string;
  /** Where the request names it (a TargetField), or `trigger.<field>` for a trigger read from SWR. */
  field: string;
  region?: string;
}

/** Where a trigger rolls images out. `cluster` is null for CCI, which has none. */
export interface DeployTarget {
  cluster: string | null;
  namespace: string;
  workload: string;
}

export interface RequestTargets {
  targets: Target[];
  /** Named by the request's body; `path-trigger`: that of the existing trigger in the path. */
  deploy: DeployTarget | 'path-trigger' | null;
  /** The operation opens every organization of the account. */
  wholeAccount: boolean;
}

/** The validated parts of a request, as the BFF and the emulator hold them. */
export interface RequestParts {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

/**
 * The value at a declared field, or undefined when the request leaves it out. Only strings name
 * things: the contract's schemas make every naming field a string.
 */
export function fieldValue(parts: RequestParts, field: TargetField): string | undefined {
  const [part, ...path] = field.split('.') as [keyof RequestParts, ...string[]];
  let value: unknown = parts[part];
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' ? value : undefined;
}

function deployOf(parts: RequestParts, fields: DeployTargetFields): DeployTarget {
  const cci = fieldValue(parts, fields.mode) === 'cci';
  // A CCE trigger without a cluster is not a CCI one: its empty cluster matches no scope but `*`.
  return {
    cluster: cci ? null : (fieldValue(parts, fields.cluster) ?? ''),
    namespace: fieldValue(parts, fields.namespace) ?? '',
    workload: `${fieldValue(parts, fields.workloadType) ?? ''}/${fieldValue(parts, fields.workload) ?? ''}`,
  };
}

/** A deploy target as the targets it is made of, each with the field that named it. */
function deployTargets(
  deploy: DeployTarget,
  fields: Record<keyof DeployTargetFields, string>,
): Target[] {
  return [
    { kind: 'cluster', name: deploy.cluster ?? 'cci', field: fields.cluster },
    { kind: 'kubernetesNamespace', name: deploy.namespace, field: fields.namespace },
    { kind: 'workload', name: deploy.workload, field: fields.workload },
  ];
}

/** The fields a trigger is made with, which are also those SWR shows it with. */
const TRIGGER_FIELDS = operations.createTrigger.targets.deploy;

/** The targets of where an existing trigger deploys, each named `trigger.<field>`. */
export function triggerDeployTargets(deploy: DeployTarget): Target[] {
  const fields = Object.fromEntries(
    Object.entries(TRIGGER_FIELDS).map(([key, field]) => [
      key,
      field.replace(/^body\./, 'trigger.'),
    ]),
  ) as Record<keyof DeployTargetFields, string>;
  return deployTargets(deploy, fields);
}

/**
 * Where an existing trigger deploys, from SWR's answer for it (`showTrigger`), and the targets
 * that makes, named `trigger.<field>`.
 */
export function deployOfTrigger(trigger: unknown): { deploy: DeployTarget; targets: Target[] } {
  const deploy = deployOf({ params: {}, query: {}, body: trigger }, TRIGGER_FIELDS);
  return { deploy, targets: triggerDeployTargets(deploy) };
}

/**
 * Everything a validated request of `name` names, in the order its declaration lists it.
 * `region` is the request's own region (organizations without a region field are there).
 */
export function targetsOf(
  name: OperationName,
  parts: RequestParts,
  region: string,
): RequestTargets {
  const declared: OperationTargets = operations[name].targets;
  const targets: Target[] = [];
  for (const { field, region: regionField } of declared.namespaces ?? []) {
    const value = fieldValue(parts, field);
    const where = regionField === undefined ? region : fieldValue(parts, regionField);
    if (value !== undefined)
      targets.push({ kind: 'namespace', name: value, field, region: where ?? region });
  }
  for (const field of declared.regions ?? []) {
    const value = fieldValue(parts, field);
    if (value !== undefined) targets.push({ kind: 'region', name: value, field });
  }
  for (const field of declared.projects ?? []) {
    const value = fieldValue(parts, field);
    if (value !== undefined) targets.push({ kind: 'project', name: value, field });
  }
  for (const field of declared.accounts ?? []) {
    const value = fieldValue(parts, field);
    if (value !== undefined) targets.push({ kind: 'account', name: value, field });
  }
  let deploy: RequestTargets['deploy'] = null;
  if (declared.deploy === 'path-trigger') {
    deploy = 'path-trigger';
  } else if (declared.deploy !== undefined) {
    deploy = deployOf(parts, declared.deploy);
    targets.push(...deployTargets(deploy, declared.deploy));
  }
  return { targets, deploy, wholeAccount: declared.wholeAccount === true };
}
