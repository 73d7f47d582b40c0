/**
 * The audit log's filters: user, action, organization, outcome and a time range. They apply on
 * submit (each change would otherwise query the trail) and live in the query string. The user is
 * picked from the people in the trail and filters by identity key, so a renamed user's records
 * stay together and two people with one name stay apart.
 */
import { AUDIT_OUTCOMES, isSwrError, operationNames } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Field, Input, Select } from '../../../components/ui/field';
import { auditActorsQuery, type AuditActor, type AuditFilters, type AuditOutcome } from '../api';

/** Events the BFF records besides `swr.<operation>`: offered as suggestions. */
const BFF_EVENTS = [
  'login.success',
  'login.failure',
  'logout',
  'session.expired',
  'session.terminated',
  'auth.unauthenticated',
  'authz.denied',
  'csrf.rejected',
  'input.rejected',
];
const EVENTS = [...BFF_EVENTS, ...operationNames.map((name) => `swr.${name}`)];

/** `2026-01-15T08:30:00.000Z` → `2026-01-15T16:30` in the browser's time zone. */
export function toLocalInput(iso: string | undefined): string {
  if (iso === undefined) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value (the browser's time zone) → ISO-8601 UTC. */
export function fromLocalInput(value: string): string | undefined {
  if (value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function isOutcome(value: string): value is AuditOutcome {
  return AUDIT_OUTCOMES.some((outcome) => outcome === value);
}

/** The BFF's message for one query field of a refused request. */
function queryIssue(error: unknown, field: string): string | undefined {
  if (!isSwrError(error)) return undefined;
  return error.issues.find((issue) => issue.path === `query.${field}`)?.message;
}

interface ActorOption {
  key: string;
  label: string;
}

/**
 * The people to offer, by name, with the key where a name is shared; a key that is not among
 * them (`current`, from the URL) is offered as itself, so the filter it sets still shows.
 */
function actorOptions(
  actors: readonly AuditActor[],
  current: string | undefined,
  withKey: (actor: AuditActor) => string,
): ActorOption[] {
  const named = new Map<string, number>();
  for (const actor of actors) named.set(actor.name, (named.get(actor.name) ?? 0) + 1);
  const options = actors.map((actor) => ({
    key: actor.key,
    label: (named.get(actor.name) ?? 0) > 1 ? withKey(actor) : actor.name,
  }));
  if (current !== undefined && current !== '' && !actors.some((actor) => actor.key === current)) {
    options.unshift({ key: current, label: current });
  }
  return options;
}

export interface AuditFilterFormProps {
  filters: AuditFilters;
  /** The last failure of the list, for the fields it concerns. */
  error: unknown;
  onApply: (filters: AuditFilters) => void;
  onClear: () => void;
}

export function AuditFilterForm({ filters, error, onApply, onClear }: AuditFilterFormProps) {
  const { t } = useTranslation(['audit', 'common']);
  const listId = useId();
  const actors = useQuery(auditActorsQuery());
  const [user, setUser] = useState(filters.user ?? '');
  const [action, setAction] = useState(filters.action ?? '');
  const [namespace, setNamespace] = useState(filters.namespace ?? '');
  const [outcome, setOutcome] = useState<string>(filters.outcome ?? '');
  const [from, setFrom] = useState(toLocalInput(filters.from));
  const [to, setTo] = useState(toLocalInput(filters.to));
  const fromIso = fromLocalInput(from);
  const toIso = fromLocalInput(to);
  const orderProblem =
    fromIso !== undefined && toIso !== undefined && fromIso >= toIso
      ? t('filters.toBeforeFrom')
      : undefined;
  const trimmed = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return (
    <form
      aria-label={t('filters.label')}
      className="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-border bg-card p-4 lg:grid-cols-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (orderProblem !== undefined) return;
        onApply({
          user: user === '' ? undefined : user,
          action: trimmed(action),
          namespace: trimmed(namespace),
          outcome: isOutcome(outcome) ? outcome : undefined,
          from: fromIso,
          to: toIso,
        });
      }}
    >
      <Field
        label={t('filters.user')}
        help={t('filters.userHelp')}
        error={
          queryIssue(error, 'user') ?? (actors.isError ? t('filters.actorsFailed') : undefined)
        }
      >
        {(control) => (
          <Select
            {...control}
            value={user}
            aria-busy={actors.isPending || undefined}
            onChange={(event) => {
              setUser(event.target.value);
            }}
          >
            <option value="">{t('filters.anyUser')}</option>
            {actorOptions(actors.data ?? [], filters.user, (actor) =>
              t('filters.actorWithKey', { name: actor.name, key: actor.key }),
            ).map((option) => (
              <option key={option.key} value={option.key}>
                {option.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field
        label={t('filters.action')}
        help={t('filters.actionHelp')}
        error={queryIssue(error, 'action')}
      >
        {(control) => (
          <Input
            {...control}
            list={listId}
            value={action}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
            onChange={(event) => {
              setAction(event.target.value);
            }}
          />
        )}
      </Field>
      <datalist id={listId}>
        {EVENTS.map((event) => (
          <option key={event} value={event} />
        ))}
      </datalist>
      <Field label={t('filters.namespace')} error={queryIssue(error, 'namespace')}>
        {(control) => (
          <Input
            {...control}
            value={namespace}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => {
              setNamespace(event.target.value);
            }}
          />
        )}
      </Field>
      <Field label={t('filters.outcome')}>
        {(control) => (
          <Select
            {...control}
            value={outcome}
            onChange={(event) => {
              setOutcome(event.target.value);
            }}
          >
            <option value="">{t('filters.anyOutcome')}</option>
            {AUDIT_OUTCOMES.map((value) => (
              <option key={value} value={value}>
                {t(`outcomes.${value}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('filters.from')} error={queryIssue(error, 'from')}>
        {(control) => (
          <Input
            {...control}
            type="datetime-local"
            value={from}
            onChange={(event) => {
              setFrom(event.target.value);
            }}
          />
        )}
      </Field>
      <Field label={t('filters.to')} error={orderProblem ?? queryIssue(error, 'to')}>
        {(control) => (
          <Input
            {...control}
            type="datetime-local"
            value={to}
            onChange={(event) => {
              setTo(event.target.value);
            }}
          />
        )}
      </Field>
      <div className="col-span-full flex justify-end gap-2">
        <Button onClick={onClear}>{t('common:actions.clear')}</Button>
        <Button type="submit" variant="primary" disabled={orderProblem !== undefined}>
          {t('common:actions.apply')}
        </Button>
      </div>
    </form>
  );
}
