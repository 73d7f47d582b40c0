/**
 * What exactly is wrong with a name typed for a new organization, so the field can say it instead
 * of repeating the rule shown as its help. SWR's rule (the contract's `namespaceName`) decides
 * whether a name is valid; this only explains a name the rule refuses, first problem first.
 */
import {
  NAMESPACE_MAX_LENGTH,
  namespaceName,
  RESERVED_NAMESPACES,
} from '@swr-dashboard/swr-client/browser';

export type NameProblem =
  | { kind: 'reserved' }
  | { kind: 'tooLong'; length: number }
  | { kind: 'uppercase'; character: string }
  | { kind: 'character'; character: string }
  | { kind: 'start' }
  | { kind: 'end' }
  | { kind: 'separators'; separators: string }
  | { kind: 'rule' };

const SEPARATOR_RUN = /[._-]{2,}/g;

/** The problem with `name`, or undefined when SWR's rule accepts it (or nothing is typed yet). */
export function namespaceNameProblem(name: string): NameProblem | undefined {
  if (name === '') return undefined;
  if (RESERVED_NAMESPACES.includes(name)) return { kind: 'reserved' };
  if (namespaceName.safeParse(name).success) return undefined;
  return explain(name);
}

function explain(name: string): NameProblem {
  const length = Array.from(name).length;
  if (length > NAMESPACE_MAX_LENGTH) return { kind: 'tooLong', length };
  const uppercase = /[A-Z]/.exec(name);
  if (uppercase !== null) return { kind: 'uppercase', character: uppercase[0] };
  const foreign = /[^a-z0-9._-]/u.exec(name);
  if (foreign !== null) return { kind: 'character', character: foreign[0] };
  if (!/^[a-z]/.test(name)) return { kind: 'start' };
  if (!/[a-z0-9]$/.test(name)) return { kind: 'end' };
  const run = Array.from(name.matchAll(SEPARATOR_RUN)).find((match) => match[0] !== '__');
  if (run !== undefined) return { kind: 'separators', separators: run[0] };
  return { kind: 'rule' };
}
