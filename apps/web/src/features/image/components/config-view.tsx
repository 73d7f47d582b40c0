/**
 * An image's config as the BFF read it from the registry: when it was built, for which platform,
 * how it starts (entrypoint, command, working directory, user), the names of its environment
 * variables (never their values), its labels and exposed ports.
 */
import type { ImageConfig } from '@swr-dashboard/swr-client/browser';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Table, Td, Th } from '../../../components/ui/table';
import { useFormat } from '../../../lib/format';
import { execForm } from '../commands';

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

/** A list of short code values (names, ports), or "None". */
export function CodeList({ label, values }: { label: string; values: readonly string[] }) {
  const { t } = useTranslation(['image']);
  if (values.length === 0) return <span>{t('config.none')}</span>;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1.5">
      {values.map((value) => (
        <li key={value}>
          <code className="rounded border border-border px-1.5 py-0.5 font-mono text-xs">
            {value}
          </code>
        </li>
      ))}
    </ul>
  );
}

export function ConfigView({ config, reference }: { config: ImageConfig; reference: string }) {
  const { t } = useTranslation(['image']);
  const format = useFormat();
  const notSet = (value: string) =>
    value === '' ? (
      <span>{t('config.notSet')}</span>
    ) : (
      <code className="font-mono text-xs">{value}</code>
    );
  const args = (value: readonly string[]) =>
    value.length === 0 ? (
      <span>{t('config.notSet')}</span>
    ) : (
      <code className="font-mono text-xs">{execForm(value)}</code>
    );
  const labels = Object.entries(config.labels).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="flex flex-col gap-4">
      <dl className="grid grid-cols-[minmax(8rem,max-content)_1fr] gap-x-6 gap-y-2 text-sm">
        <Row term={t('config.created')}>
          {config.created === null ? t('config.unknownCreated') : format.dateTime(config.created)}
        </Row>
        <Row term={t('config.platform')}>{config.platform}</Row>
        <Row term={t('config.entrypoint')}>{args(config.entrypoint)}</Row>
        <Row term={t('config.cmd')}>{args(config.cmd)}</Row>
        <Row term={t('config.workingDir')}>{notSet(config.workingDir)}</Row>
        <Row term={t('config.user')}>{notSet(config.user)}</Row>
        <Row term={t('config.env')}>
          <div className="flex flex-col gap-1">
            <CodeList label={t('config.env')} values={config.envNames} />
            <span className="text-xs text-muted">{t('config.envNote')}</span>
          </div>
        </Row>
        <Row term={t('config.ports')}>
          <CodeList label={t('config.ports')} values={config.exposedPorts} />
        </Row>
        {labels.length === 0 ? <Row term={t('config.labels')}>{t('config.none')}</Row> : null}
      </dl>
      {labels.length === 0 ? null : (
        <div className="flex flex-col gap-2">
          <h3 className="text-sm font-medium">{t('config.labels')}</h3>
          <Table caption={t('config.labelsCaption', { reference })}>
            <thead>
              <tr>
                <Th>{t('config.label')}</Th>
                <Th>{t('config.value')}</Th>
              </tr>
            </thead>
            <tbody>
              {labels.map(([key, value]) => (
                <tr key={key}>
                  <Td className="break-all font-mono text-xs">{key}</Td>
                  <Td className="break-all font-mono text-xs">{value}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </div>
  );
}
