/** Where an image page sits: the repositories, its organization, its repository's tags. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../../lib/paths';

export function ImageBreadcrumb({
  region,
  namespace,
  repository,
}: {
  region: string;
  namespace: string;
  repository: string;
}) {
  const { t } = useTranslation(['image', 'common']);
  return (
    <nav aria-label={t('breadcrumb')} className="mb-2 text-sm text-muted">
      <Link className="hover:underline" to={paths.repositories(region)}>
        {t('common:nav.repositories')}
      </Link>
      {' / '}
      <Link className="hover:underline" to={paths.organization(region, namespace)}>
        {namespace}
      </Link>
      {' / '}
      <Link className="hover:underline" to={paths.repository(region, namespace, repository)}>
        {repository}
      </Link>
    </nav>
  );
}
