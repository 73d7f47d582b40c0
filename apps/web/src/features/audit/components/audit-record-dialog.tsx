/**
 * One audit record in full: who, from where, the request and everything it named, what SWR
 * answered, and why; from there, every record of the same user.
 */
import type { AuditRecordShape } from '@swr-dashboard/swr-client/browser';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { Table, Td, Th } from '../../../components/ui/table';
import { useFormat } from '../../../lib/format';
import { OutcomeBadge } from './outcome-badge';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-2 py-1">
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0 break-words">{children ?? '—'}</dd>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <h3 className="mb-1 font-semibold">{title}</h3>
      <dl className="text-sm">{children}</dl>
    </section>
  );
}

function Json({ value }: { value: unknown }) {
  return (
    <pre className="max-h-48 overflow-auto rounded-md bg-hover p-2 font-mono text-xs whitespace-pre-wrap">
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

type AuditTarget = NonNullable<AuditRecordShape['targets']>[number];

/** Everything the request named that authorization checked: kind, name, region, and where. */
function Targets({ targets }: { targets: readonly AuditTarget[] }) {
  const { t } = useTranslation(['audit']);
  const none = t('detail.none');
  return (
    <section>
      <h3 className="mb-1 font-semibold">{t('detail.targets')}</h3>
      {targets.length === 0 ? (
        <p className="text-sm text-muted">{t('detail.noTargets')}</p>
      ) : (
        <Table caption={t('detail.targets')}>
          <thead>
            <tr>
              <Th>{t('detail.targetKind')}</Th>
              <Th>{t('detail.targetName')}</Th>
              <Th>{t('detail.targetRegion')}</Th>
              <Th>{t('detail.targetField')}</Th>
            </tr>
          </thead>
          <tbody>
            {targets.map((target) => (
              <tr key={`${target.kind}|${target.name}|${target.region ?? ''}|${target.field}`}>
                <Td>{t(`targetKinds.${target.kind}`, { defaultValue: target.kind })}</Td>
                <Td className="break-all">
                  <code className="font-mono text-xs">{target.name}</code>
                </Td>
                <Td>{target.region ?? none}</Td>
                <Td>
                  <code className="font-mono text-xs">{target.field}</code>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}

const isEmpty = (value: unknown) =>
  value === null ||
  value === undefined ||
  (typeof value === 'object' && Object.keys(value).length === 0);

export function AuditRecordDialog({
  record,
  onClose,
  onShowUser,
}: {
  record: AuditRecordShape | undefined;
  onClose: () => void;
  /** Filters the log by a user's identity key. */
  onShowUser: (key: string) => void;
}) {
  const { t } = useTranslation(['audit', 'common']);
  const format = useFormat();
  const none = t('detail.none');
  const actor = record?.actor ?? null;
  return (
    <Dialog
      open={record !== undefined}
      wide
      title={record === undefined ? '' : t('detail.title', { event: record.event })}
      onClose={onClose}
      footer={
        actor === null ? undefined : (
          <Button
            onClick={() => {
              onShowUser(actor.key);
            }}
          >
            {t('detail.showUser')}
          </Button>
        )
      }
    >
      {record === undefined ? null : (
        <div className="flex max-h-[70vh] flex-col gap-4 overflow-auto">
          <Section title={t('detail.event')}>
            <Item label={t('detail.id')}>
              <code className="font-mono text-xs">{record.id}</code>
            </Item>
            <Item label={t('detail.time')}>{format.dateTime(record.ts)}</Item>
            <Item label={t('detail.action')}>
              <code className="font-mono text-xs">{record.event}</code>
            </Item>
            <Item label={t('detail.outcome')}>
              <OutcomeBadge outcome={record.outcome} />
            </Item>
            <Item label={t('detail.httpStatus')}>{record.httpStatus ?? none}</Item>
            <Item label={t('detail.reason')}>{record.reason ?? none}</Item>
            <Item label={t('detail.region')}>{record.bff.region ?? none}</Item>
            {record.repeats === undefined ? null : (
              <Item label={t('detail.repeats')}>
                {t('detail.repeatsText', {
                  formatted: format.number(record.repeats.count),
                  first: format.dateTime(record.repeats.first),
                  last: format.dateTime(record.repeats.last),
                })}
              </Item>
            )}
          </Section>
          <Section title={t('detail.who')}>
            {record.actor === null ? (
              <Item label={t('detail.user')}>{t('table.anonymous')}</Item>
            ) : (
              <>
                <Item label={t('detail.user')}>{record.actor.name}</Item>
                <Item label={t('detail.identityKey')}>
                  <code className="font-mono text-xs">{record.actor.key}</code>
                </Item>
                <Item label={t('detail.email')}>{record.actor.email ?? none}</Item>
                <Item label={t('detail.role')}>
                  {t(`common:roles.${record.actor.role}`, { defaultValue: record.actor.role })}
                </Item>
                <Item label={t('detail.groups')}>
                  {record.actor.groups.length === 0 ? none : record.actor.groups.join(', ')}
                </Item>
                <Item label={t('detail.signIn')}>{record.actor.authMode}</Item>
                <Item label={t('detail.session')}>{record.actor.sessionRef ?? none}</Item>
              </>
            )}
            <Item label={t('detail.ip')}>{record.source.ip ?? none}</Item>
            <Item label={t('detail.userAgent')}>{record.source.userAgent ?? none}</Item>
          </Section>
          <Section title={t('detail.request')}>
            <Item label={t('detail.requestId')}>
              <code className="font-mono text-xs">{record.request.id}</code>
            </Item>
            {record.request.clientId === undefined ? null : (
              <Item label={t('detail.clientRequestId')}>
                <code className="font-mono text-xs">{record.request.clientId}</code>
              </Item>
            )}
            <Item label={t('detail.route')}>
              <code className="font-mono text-xs">
                {record.request.method} {record.request.route}
              </code>
            </Item>
            <Item label={t('detail.params')}>
              {isEmpty(record.request.params) ? none : <Json value={record.request.params} />}
            </Item>
            <Item label={t('detail.query')}>
              {isEmpty(record.request.query) ? none : <Json value={record.request.query} />}
            </Item>
            <Item label={t('detail.body')}>
              {isEmpty(record.request.body) ? none : <Json value={record.request.body} />}
            </Item>
            <Item label={t('detail.resource')}>
              {record.resource === null ? none : <ResourceText record={record} />}
            </Item>
          </Section>
          {record.targets === undefined ? null : <Targets targets={record.targets} />}
          <Section title={t('detail.upstream')}>
            {record.upstream === null ? (
              <p className="text-sm text-muted">{t('detail.noUpstream')}</p>
            ) : (
              <>
                <Item label={t('detail.route')}>
                  <code className="font-mono text-xs">
                    {record.upstream.method} {record.upstream.path}
                  </code>
                </Item>
                <Item label={t('detail.httpStatus')}>{record.upstream.status ?? none}</Item>
                <Item label={t('detail.swrCode')}>{record.upstream.code ?? none}</Item>
                <Item label={t('detail.requestId')}>
                  {record.upstream.requestId === null ? (
                    none
                  ) : (
                    <code className="font-mono text-xs">{record.upstream.requestId}</code>
                  )}
                </Item>
                <Item label={t('detail.latency')}>
                  {t('detail.ms', { value: format.number(record.upstream.latencyMs) })}
                </Item>
              </>
            )}
          </Section>
          <Section title={t('detail.console')}>
            <Item label={t('detail.version')}>{record.bff.version}</Item>
            <Item label={t('detail.instance')}>{record.bff.instance}</Item>
          </Section>
        </div>
      )}
    </Dialog>
  );
}

/**
 * The repository a record concerns: from its path, or for a creation (the name travels in the
 * body, not the path) from the request body.
 */
function repositoryOf(record: AuditRecordShape): string | null {
  const name = record.resource?.name;
  if (typeof name === 'string') return name;
  const body = record.request.body;
  if (typeof body === 'object' && body !== null && 'repository' in body) {
    return typeof body.repository === 'string' ? body.repository : null;
  }
  return null;
}

/** `org/repo:tag`, or as much of it as the record names. */
export function ResourceText({ record }: { record: AuditRecordShape }) {
  const { t } = useTranslation(['audit']);
  const resource = record.resource;
  if (resource === null) return null;
  const path = [resource.namespace, repositoryOf(record)].filter((part) => part !== null).join('/');
  const text = resource.tag === null ? path : `${path}:${resource.tag}`;
  return (
    <span>
      <span className="text-muted">
        {t(`resourceTypes.${resource.type}`, { defaultValue: resource.type })}
      </span>{' '}
      {text === '' ? null : <code className="font-mono text-xs break-all">{text}</code>}
    </span>
  );
}
