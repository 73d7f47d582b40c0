import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <main className="mx-auto flex max-w-lg flex-col gap-3 px-6 py-16">
      <h1 className="text-2xl font-semibold">{t('notFound.title')}</h1>
      <Link className="text-primary underline" to="/">
        {t('notFound.back')}
      </Link>
    </main>
  );
}
