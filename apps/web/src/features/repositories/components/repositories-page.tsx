/** Repositories: every organization's repositories in one paged, filtered, sortable list. */
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '../../../components/ui/page-header';
import { RepositoriesList } from './repositories-list';

export function RepositoriesPage() {
  const { t } = useTranslation('repositories');
  const { region = '' } = useParams();
  return (
    <>
      <PageHeader title={t('page.title')} description={t('page.description')} />
      <RepositoriesList region={region} />
    </>
  );
}
