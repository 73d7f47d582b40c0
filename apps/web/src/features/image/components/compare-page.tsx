/**
 * Two tags of a repository side by side (`?a=<tag>&b=<tag>`, and `?platform=` for indexes): their
 * digests, sizes and the difference, which layers they share by digest and which only one has,
 * and what changed in the config (entrypoint, command, environment variable names, labels, ports,
 * created). Two tags can be typed here, or come from the Tags tab's selection or an image page.
 */
import { TAG_PATTERN } from '@swr-dashboard/swr-client/browser';
import { useQuery } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { Field, Input } from '../../../components/ui/field';
import { LinkTabs } from '../../../components/ui/link-tabs';
import { PageHeader } from '../../../components/ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states';
import { repositoryParam } from '../../../lib/paths';
import { imageQuery } from '../api';
import { ImageBreadcrumb } from './breadcrumb';
import { Comparison } from './comparison';

interface Repository {
  region: string;
  namespace: string;
  repository: string;
}

export function ComparePage() {
  const { t } = useTranslation(['image', 'common']);
  const { region = '', namespace = '', repository: segment = '' } = useParams();
  const repository = repositoryParam(segment);
  const [params, setParams] = useSearchParams();
  const a = params.get('a') ?? '';
  const b = params.get('b') ?? '';
  const platform = params.get('platform') ?? undefined;
  const where = { region, namespace, repository };
  const ready = TAG_PATTERN.test(a) && TAG_PATTERN.test(b);
  return (
    <>
      <ImageBreadcrumb {...where} />
      <PageHeader
        title={t('compare.title', { repository: `${namespace}/${repository}` })}
        description={t('compare.description')}
      />
      <TagsForm
        key={`${a}\n${b}`}
        a={a}
        b={b}
        onCompare={(next) => {
          setParams(new URLSearchParams(next));
        }}
      />
      {ready ? (
        <Sides where={where} a={a} b={b} platform={platform} />
      ) : (
        <EmptyState title={t('compare.choose')} />
      )}
    </>
  );
}

/** The two tags to compare, checked before they go to the URL. */
function TagsForm({
  a,
  b,
  onCompare,
}: {
  a: string;
  b: string;
  onCompare: (tags: { a: string; b: string }) => void;
}) {
  const { t } = useTranslation(['image']);
  const [first, setFirst] = useState(a);
  const [second, setSecond] = useState(b);
  const [checked, setChecked] = useState(false);
  const problem = (value: string) =>
    checked && !TAG_PATTERN.test(value.trim()) ? t('compare.form.invalid') : undefined;
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setChecked(true);
    if (TAG_PATTERN.test(first.trim()) && TAG_PATTERN.test(second.trim())) {
      onCompare({ a: first.trim(), b: second.trim() });
    }
  };
  return (
    <form
      aria-label={t('compare.form.label')}
      className="mb-4 flex flex-wrap items-start gap-3"
      onSubmit={submit}
      noValidate
    >
      <Field label={t('compare.form.a')} error={problem(first)} className="w-60">
        {(control) => (
          <Input
            {...control}
            value={first}
            maxLength={128}
            onChange={(event) => {
              setFirst(event.target.value);
            }}
          />
        )}
      </Field>
      <Field label={t('compare.form.b')} error={problem(second)} className="w-60">
        {(control) => (
          <Input
            {...control}
            value={second}
            maxLength={128}
            onChange={(event) => {
              setSecond(event.target.value);
            }}
          />
        )}
      </Field>
      <Button type="submit" variant="primary" className="mt-6">
        {t('compare.form.submit')}
      </Button>
    </form>
  );
}

/**
 * One side's image: the tag's own (an index's first platform), or the platform chosen when its
 * index has that platform.
 */
function useSide(where: Repository, tag: string, platform: string | undefined) {
  const first = useQuery(imageQuery({ ...where, tag }));
  const has = first.data?.platforms.some((entry) => entry.platform === platform) === true;
  const chosen = useQuery({
    ...imageQuery({ ...where, tag, platform }),
    enabled: has,
  });
  const query = has ? chosen : first;
  const lacksPlatform =
    platform !== undefined && first.data !== undefined && first.data.platforms.length > 0 && !has;
  return { query, lacksPlatform };
}

function Sides({
  where,
  a,
  b,
  platform,
}: {
  where: Repository;
  a: string;
  b: string;
  platform: string | undefined;
}) {
  const { t } = useTranslation(['image', 'common']);
  const left = useSide(where, a, platform);
  const right = useSide(where, b, platform);
  const failures = [
    { tag: a, query: left.query },
    { tag: b, query: right.query },
  ].filter((side) => side.query.isError);
  if (failures.length > 0) {
    return (
      <div className="flex flex-col gap-2">
        {failures.map((side) => (
          <ErrorState
            key={side.tag}
            error={side.query.error}
            what={t('compare.failed', { tag: side.tag })}
            onRetry={() => void side.query.refetch()}
          />
        ))}
      </div>
    );
  }
  const first = left.query.data;
  const second = right.query.data;
  if (first === undefined || second === undefined) {
    return <LoadingState label={t('compare.loading')} />;
  }
  const platforms = [
    ...new Set([...first.platforms, ...second.platforms].map((entry) => entry.platform)),
  ];
  const shown = first.image?.platform ?? second.image?.platform ?? undefined;
  return (
    <div className="flex flex-col gap-4">
      {platforms.length === 0 ? null : (
        <PlatformChooser a={a} b={b} platforms={platforms} current={platform ?? shown} />
      )}
      {[
        { tag: a, lacks: left.lacksPlatform, details: first },
        { tag: b, lacks: right.lacksPlatform, details: second },
      ].map((side) =>
        side.lacks ? (
          <p key={side.tag} className="text-sm">
            {t('compare.platformMissing', {
              tag: side.tag,
              platform: platform ?? '',
              shown: side.details.image?.platform ?? '',
            })}
          </p>
        ) : null,
      )}
      <Comparison a={{ tag: a, details: first }} b={{ tag: b, details: second }} />
    </div>
  );
}

function PlatformChooser({
  a,
  b,
  platforms,
  current,
}: {
  a: string;
  b: string;
  platforms: readonly string[];
  current: string | undefined;
}) {
  const { t } = useTranslation(['image']);
  return (
    <LinkTabs
      label={t('compare.platforms')}
      tabs={platforms.map((platform) => ({
        to: `?${new URLSearchParams({ a, b, platform }).toString()}`,
        label: platform,
        current: platform === current,
      }))}
    />
  );
}
