/**
 * A tag's image: what it is (media type, digest, size), an index's platforms to choose from (in
 * the URL, `?platform=`), the chosen image's layers and config, and the commands to pull it by tag
 * or digest or copy it with skopeo. What the BFF could not read from the registry is said, with why.
 */
import { isSwrError, type ImageDetails } from '@swr-dashboard/swr-client/browser';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Badge } from '../../../components/ui/badge';
import { CopyButton } from '../../../components/ui/copy-button';
import { LinkTabs } from '../../../components/ui/link-tabs';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryState } from '../../../components/ui/query-state';
import { useFormat } from '../../../lib/format';
import { paths, repositoryParam } from '../../../lib/paths';
import { imageQuery } from '../api';
import { imageCommands, isIndex } from '../commands';
import { ImageBreadcrumb } from './breadcrumb';
import { CommandLine } from '../../../components/ui/command-line';
import { ConfigView } from './config-view';
import { LayersTable } from './layers-table';
import { RegistryNotice } from './registry-notice';
import { Section } from './section';

export function ImagePage() {
  const { region = '', namespace = '', repository: segment = '', tag = '' } = useParams();
  const repository = repositoryParam(segment);
  // Another tag starts afresh: no previous image shown while it loads.
  return (
    <ImageView
      key={`${region}/${namespace}/${repository}/${tag}`}
      region={region}
      namespace={namespace}
      repository={repository}
      tag={tag}
    />
  );
}

interface ImageViewProps {
  region: string;
  namespace: string;
  repository: string;
  tag: string;
}

function ImageView({ region, namespace, repository, tag }: ImageViewProps) {
  const { t } = useTranslation(['image', 'common']);
  const [params] = useSearchParams();
  const platform = params.get('platform') ?? undefined;
  // Another platform of the index: the one shown stays until it has loaded.
  const image = useQuery({
    ...imageQuery({ region, namespace, repository, tag, platform }),
    placeholderData: keepPreviousData,
  });
  const reference = `${namespace}/${repository}:${tag}`;
  const missing = image.isError && isSwrError(image.error) && image.error.status === 404;
  return (
    <>
      <ImageBreadcrumb region={region} namespace={namespace} repository={repository} />
      <PageHeader
        title={reference}
        description={t('description')}
        actions={
          <Link
            className="inline-flex items-center rounded-md border border-border bg-card px-3.5 py-2 text-sm font-medium text-fg transition hover:bg-hover"
            to={paths.compare(region, namespace, repository, tag, '')}
          >
            {t('compareWith')}
          </Link>
        }
      />
      <QueryState
        query={image}
        what={
          missing ? t('notFound', { tag, repository: `${namespace}/${repository}` }) : t('failed')
        }
        loadingLabel={t('loading')}
        keepData
      >
        {(details) => (
          <ImageDetailsView
            {...{ region, namespace, repository, tag, details, reference }}
            busy={image.isPlaceholderData}
            onRetry={() => void image.refetch()}
          />
        )}
      </QueryState>
    </>
  );
}

function ImageDetailsView({
  region,
  tag,
  details,
  reference,
  busy,
  onRetry,
}: ImageViewProps & {
  details: ImageDetails;
  reference: string;
  busy: boolean;
  onRetry: () => void;
}) {
  const { t } = useTranslation(['image', 'common']);
  const format = useFormat();
  const index = isIndex(details.mediaType) || details.platforms.length > 0;
  const shown = details.image;
  const commands = imageCommands(details.path, tag, details.digest, index);
  return (
    <div className="flex flex-col gap-4" aria-busy={busy || undefined}>
      <Section title={t('summary.heading')}>
        <dl className="grid grid-cols-[minmax(8rem,max-content)_1fr] items-center gap-x-6 gap-y-2 text-sm">
          <dt className="text-muted">{t('summary.kind')}</dt>
          <dd>
            <Badge tone={index ? 'info' : 'neutral'}>
              {index
                ? t('summary.index', { count: details.platforms.length })
                : t('summary.single')}
            </Badge>
          </dd>
          <dt className="text-muted">{t('summary.mediaType')}</dt>
          <dd className="break-all font-mono text-xs">{details.mediaType}</dd>
          <dt className="text-muted">{t('summary.digest')}</dt>
          <dd className="flex min-w-0 items-center gap-2">
            <code className="min-w-0 break-all font-mono text-xs">{details.digest}</code>
            <CopyButton text={details.digest} label={t('summary.copyDigest')} />
          </dd>
          {shown === null ? null : (
            <>
              <dt className="text-muted">{t('summary.size')}</dt>
              <dd>
                {format.bytes(shown.size)}{' '}
                <span className="text-muted">{t('summary.sizeHelp')}</span>
              </dd>
            </>
          )}
        </dl>
      </Section>

      {index ? (
        <PlatformChooser
          tag={tag}
          platforms={details.platforms}
          current={shown?.platform ?? details.platforms[0]?.platform}
        />
      ) : null}

      <RegistryNotice registry={details.registry} index={index} onRetry={onRetry} />

      {shown === null ? null : (
        <>
          {shown.platform === null ? null : (
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <span className="text-muted">
                {t('summary.platformDigest', { platform: shown.platform })}
              </span>
              <code className="break-all font-mono text-xs">{shown.digest}</code>
              <CopyButton
                text={shown.digest}
                label={t('summary.copyPlatformDigest', { platform: shown.platform })}
              />
            </p>
          )}
          <Section title={t('layers.heading')}>
            <LayersTable
              caption={
                shown.platform === null
                  ? t('layers.caption', { reference })
                  : t('layers.captionPlatform', { reference, platform: shown.platform })
              }
              layers={shown.layers}
            />
          </Section>
          <Section title={t('config.heading')}>
            {shown.config === null ? (
              <p className="text-sm">{t('config.unavailable')}</p>
            ) : (
              <ConfigView config={shown.config} reference={reference} />
            )}
          </Section>
        </>
      )}

      <Section title={t('commands.heading')}>
        <p className="text-sm text-muted">
          {t('commands.intro')}{' '}
          <Link className="text-primary underline" to={paths.loginCommand(region)}>
            {t('commands.login')}
          </Link>
        </p>
        <CommandLine
          label={t('commands.pullTag')}
          command={commands.pullTag}
          copyLabel={t('commands.copyPullTag')}
        />
        <CommandLine
          label={t('commands.pullDigest')}
          command={commands.pullDigest}
          copyLabel={t('commands.copyPullDigest')}
        />
        <CommandLine
          label={index ? t('commands.copyIndex') : t('commands.copy')}
          command={commands.copy}
          copyLabel={t('commands.copySkopeo')}
        />
        <p className="text-xs text-muted">{t('commands.destination', { tag })}</p>
      </Section>
    </div>
  );
}

/** An index's platforms as links (`?platform=`), the one shown marked current. */
function PlatformChooser({
  tag,
  platforms,
  current,
}: {
  tag: string;
  platforms: ImageDetails['platforms'];
  current: string | undefined;
}) {
  const { t } = useTranslation(['image']);
  return (
    <div className="flex flex-col gap-1">
      <p className="text-sm">{t('platforms.intro')}</p>
      <LinkTabs
        label={t('platforms.label', { tag })}
        tabs={platforms.map((entry) => ({
          to: `?${new URLSearchParams({ platform: entry.platform }).toString()}`,
          label: entry.platform,
          current: entry.platform === current,
        }))}
      />
    </div>
  );
}
