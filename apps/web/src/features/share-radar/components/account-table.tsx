/**
 * Each account the repositories are shared with: how many repositories, the earliest end of its
 * open shares, how many have ended or end soon, and whether it is outside the company. An
 * account's button filters the shares to it (pressed while it does).
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';
import { Table, Td, Th } from '../../../components/ui/table';
import { useFormat } from '../../../lib/format';
import type { AccountSummary } from '../rows';
import { earliestEndText } from '../texts';

export interface AccountTableProps {
  accounts: readonly AccountSummary[];
  /** The account the shares are filtered to. */
  selected: string | undefined;
  /** When the index was read: ends are counted from then. */
  now: number;
  onSelect: (account: string | undefined) => void;
}

export function AccountTable({ accounts, selected, now, onSelect }: AccountTableProps) {
  const { t } = useTranslation(['share-radar', 'common']);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2">
      <h2 id={headingId} className="text-base font-semibold">
        {t('accounts.title')}
      </h2>
      <Table caption={t('accounts.caption')}>
        <thead>
          <tr>
            <Th>{t('accounts.account')}</Th>
            <Th>{t('accounts.repositories')}</Th>
            <Th>{t('accounts.earliestEnd')}</Th>
            <Th>{t('accounts.ended')}</Th>
            <Th>{t('accounts.endingSoon')}</Th>
            <Th>{t('accounts.company')}</Th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((summary) => (
            <AccountRow
              key={summary.account}
              summary={summary}
              pressed={summary.account === selected}
              now={now}
              onSelect={onSelect}
            />
          ))}
        </tbody>
      </Table>
    </section>
  );
}

function AccountRow({
  summary,
  pressed,
  now,
  onSelect,
}: {
  summary: AccountSummary;
  pressed: boolean;
  now: number;
  onSelect: (account: string | undefined) => void;
}) {
  const { t } = useTranslation(['share-radar', 'common']);
  const format = useFormat();
  const earliest = earliestEndText(summary, t, format, now);
  return (
    <tr className={pressed ? 'bg-hover' : 'hover:bg-hover'}>
      <Td>
        <button
          type="button"
          className="font-medium text-primary hover:underline"
          aria-pressed={pressed}
          aria-label={t('accounts.select', { account: summary.account })}
          onClick={() => {
            onSelect(pressed ? undefined : summary.account);
          }}
        >
          {summary.account}
        </button>
      </Td>
      <Td className="tabular-nums">{format.number(summary.repositories)}</Td>
      <Td>
        <span title={earliest.title}>{earliest.text}</span>
      </Td>
      <Td className="tabular-nums">{format.number(summary.ended)}</Td>
      <Td className="tabular-nums">{format.number(summary.endingSoon)}</Td>
      <Td>
        {summary.outside ? (
          <Badge tone="danger">{t('accounts.outside')}</Badge>
        ) : (
          <Badge tone="success">{t('accounts.own')}</Badge>
        )}
      </Td>
    </tr>
  );
}
