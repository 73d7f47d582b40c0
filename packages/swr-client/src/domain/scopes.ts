/**
 * Scope patterns, as the BFF enforces them and the web console explains them in advance: `*` is
 * the only wildcard; an organization is in scope when a pattern matches its name; a deploy target
 * when one entry's cluster (`*` any, `cci` for CCI) and one of its Kubernetes namespace patterns
 * match. docs/authorization.md has the rules in prose.
 */
import type { DeployTarget } from '../contract/targets';
import type { DeployScope } from '../bff-api';

const compiled = new Map<string, RegExp>();

/** Whether a pattern (`*` the only wildcard) matches the whole name. */
export function patternMatches(pattern: string, name: string): boolean {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
    regex = new RegExp(`^${escaped}$`);
    compiled.set(pattern, regex);
  }
  return regex.test(name);
}

/** Whether an organization is within the scopes (always, when they are null: not limited). */
export function namespaceAllowed(scopes: readonly string[] | null, namespace: string): boolean {
  return scopes === null || scopes.some((pattern) => patternMatches(pattern, namespace));
}

/** Whether a deploy target is inside one of the scopes (`*` matches any cluster, CCI too). */
export function deployAllowed(
  scopes: readonly DeployScope[],
  target: Pick<DeployTarget, 'cluster' | 'namespace'>,
): boolean {
  return scopes.some(
    (scope) =>
      (scope.cluster === '*' || scope.cluster === (target.cluster ?? 'cci')) &&
      scope.namespaces.some((pattern) => patternMatches(pattern, target.namespace)),
  );
}
