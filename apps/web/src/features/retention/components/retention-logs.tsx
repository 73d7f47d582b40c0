/**
 * The tags retention deleted, newest first, paged on the server; the page is in the query string.
 * Each entry's rule (SWR records it as JSON text) is written as a sentence.
 */
import { RetentionRule } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/ui/query-state';
import { Button } from '../../../components/ui/button';
import { Card } from '../../../components/ui/page-header';
import { Pagination, PAGE_SIZES } from '../../../components/ui/pagination';
import { RelativeTime } from '../../../components/ui/relative-time';
import { EmptyState } from '../../../components/ui/states';
import { Table, Td, Th } from '../../../components/ui/table';
import { useFormat } from '../../../lib/format';
import { useUrlState } from '../../../lib/url-state';
import { retentionHistoriesQuery } from '../api';
import { RetentionSentence } from './retention-sentence';

function LoggedRule({ text }: { text: string }) {
  let parsed: ReturnType<typeof RetentionRule.safeParse> | undefined;
  try {
    parsed = RetentionRule.safeParse(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  return parsed?.success === true ? (
    <RetentionSentence rule={parsed.data} />
  ) : (
    <code className="font-mono text-xs">{text}</code>
  );
}

export function RetentionLogs({
  region,
  namespace,
  repository,
}: {
  region: string;
  namespace: string;
  repository: string;
}) {
  const { t } = useTranslation(['retention', 'common']);
  const format = useFormat();
  const url = useUrlState();
  const page = url.page(PAGE_SIZES);
  const logs = useQuery(retentionHistoriesQuery(region, namespace, repository, page));
  return (
    <Card
      title={t('logs.title')}
      actions={
        <Button
          size="sm"
          onClick={() => void logs.refetch()}
          busy={logs.isFetching && !logs.isPending}
        >
          {t('common:actions.refresh')}
        </Button>
      }
    >
      <QueryState
        query={logs}
        what={t('logs.failed')}
        keepData
        isEmpty={(data) => data.total === 0}
        empty={<EmptyState title={t('logs.empty')} />}
      >
        {(data) => (
          <>
            <Table caption={t('logs.caption', { total: format.number(data.total) })}>
              <thead>
                <tr>
                  <Th>{t('logs.tag')}</Th>
                  <Th>{t('logs.deleted')}</Th>
                  <Th>{t('logs.rule')}</Th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((log) => (
                  <tr key={log.id}>
                    <Td className="font-mono text-xs">{log.tag}</Td>
                    <Td className="whitespace-nowrap">
                      <RelativeTime iso={log.created_at} />
                    </Td>
                    <Td>
                      <LoggedRule text={log.rule_type} />
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pagination
              offset={page.offset}
              limit={page.limit}
              total={data.total}
              onChange={(next) => {
                url.setPage(next, PAGE_SIZES);
              }}
            />
          </>
        )}
      </QueryState>
    </Card>
  );
}
