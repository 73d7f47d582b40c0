/**
 * The shares shown, by end date: each with its repository (a link to its Sharing tab, loaded on
 * intent), its region, the account, the permit, when it ends in words and in full, its group,
 * whether it leaves the company, and stopping it (for the roles that may).
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Table, Td, Th } from '../../../components/ui/table';
import { useFormat } from '../../../lib/format';
import { RepositoryLink } from '../../../lib/repository-link';
import type { ShareRow } from '../rows';
import { END_TONES, endTexts, type RadarT } from '../texts';

export interface ShareTableProps {
  rows: readonly ShareRow[];
  /** When the index was read: ends are counted from then. */
  now: number;
  /** Why the user may not stop a share; undefined when they may. */
  stopReason: string | undefined;
  onStop: (row: ShareRow) => void;
}

export function ShareTable({ rows, now, stopReason, onStop }: ShareTableProps) {
  const { t } = useTranslation(['share-radar', 'common']);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2">
      <h2 id={headingId} className="text-base font-semibold">
        {t('list.title')}
      </h2>
      <Table caption={t('list.caption')}>
        <thead>
          <tr>
            <Th>{t('list.repository')}</Th>
            <Th>{t('list.region')}</Th>
            <Th>{t('list.account')}</Th>
            <Th>{t('list.permit')}</Th>
            <Th>{t('list.ends')}</Th>
            <Th>{t('list.valid')}</Th>
            <Th>{t('list.state')}</Th>
            <Th>
              <span className="sr-only">{t('list.actions')}</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <ShareRowView
              key={row.key}
              row={row}
              now={now}
              stopReason={stopReason}
              onStop={onStop}
            />
          ))}
        </tbody>
      </Table>
    </section>
  );
}

function permitText(permit: string, t: RadarT): string {
  if (permit === 'read') return t('list.read');
  if (permit === 'write') return t('list.write');
  return permit;
}

function ShareRowView({
  row,
  now,
  stopReason,
  onStop,
}: {
  row: ShareRow;
  now: number;
  stopReason: string | undefined;
  onStop: (row: ShareRow) => void;
}) {
  const { t } = useTranslation(['share-radar', 'common']);
  const format = useFormat();
  const name = `${row.namespace}/${row.repository}`;
  const ends = endTexts(row, t, format, now);
  return (
    <tr className="hover:bg-hover">
      <Td>
        <RepositoryLink
          className="font-medium text-primary hover:underline"
          region={row.region}
          namespace={row.namespace}
          repository={row.repository}
          tab="sharing"
        >
          {name}
        </RepositoryLink>
      </Td>
      <Td className="whitespace-nowrap">{row.region}</Td>
      <Td className="whitespace-nowrap font-medium">{row.share.account}</Td>
      <Td>{permitText(row.share.permit, t)}</Td>
      <Td>
        {ends.title === undefined ? (
          ends.text
        ) : (
          <>
            <time className="block" dateTime={row.share.until}>
              {ends.title}
            </time>
            <span className="text-xs text-muted">{ends.text}</span>
          </>
        )}
      </Td>
      <Td>{t(row.share.valid ? 'answer.yes' : 'answer.no')}</Td>
      <Td>
        <span className="flex flex-wrap gap-1">
          <Badge tone={END_TONES[row.end]}>{t(`groups.${row.end}`)}</Badge>
          {row.leaving ? <Badge tone="danger">{t('list.leaving')}</Badge> : null}
        </span>
      </Td>
      <Td className="whitespace-nowrap text-right">
        <Button
          size="sm"
          variant="ghost"
          aria-label={t('list.stop', { name, account: row.share.account })}
          disabledReason={stopReason}
          onClick={() => {
            onStop(row);
          }}
        >
          {t('list.stopShort')}
        </Button>
      </Td>
    </tr>
  );
}
