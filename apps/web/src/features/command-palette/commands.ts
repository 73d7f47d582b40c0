/**
 * The palette's list, as data: the tags, repositories and organizations the searches found, then
 * the pages and actions that match the text (matched here: they are few). Each entry goes
 * somewhere (`to`) or does something (`run`); the list is what the keyboard moves through.
 */
import type { FleetSearchResponse, MeResponse } from '@swr-dashboard/swr-client/browser';
import type { TFunction } from 'i18next';
import { LANGUAGES } from '../../lib/i18n';
import { pagesFor } from '../../lib/pages';
import { paths, REPOSITORY_TABS } from '../../lib/paths';
import type { RepositoryRef } from '../../lib/query-keys';

export type PaletteT = TFunction<['command-palette', 'common']>;

export type Action = { kind: 'language'; code: string } | { kind: 'help' };

export interface Entry {
  id: string;
  label: string;
  /** A second line: where it is (a region, an organization). */
  detail?: string;
  to?: string;
  run?: Action;
}

export interface Section {
  id: 'pages' | 'actions' | 'organizations' | 'repositories' | 'tags';
  label: string;
  entries: Entry[];
}

/** Every word of the text occurs in the label, case ignored (blank text matches all). */
export function matches(text: string, label: string): boolean {
  const lower = label.toLowerCase();
  return text
    .toLowerCase()
    .split(/\s+/)
    .every((word) => lower.includes(word));
}

export interface PaletteContext {
  t: PaletteT;
  role: MeResponse['user']['role'];
  region: string;
  regions: readonly string[];
  language: string;
  /** The repository the user is looking at, if any. */
  repository: RepositoryRef | undefined;
}

function pageEntries(context: PaletteContext): Entry[] {
  const { t, region, repository } = context;
  const pages: Entry[] = pagesFor(context.role).map((page) => ({
    id: `page:${page.path}`,
    label: t(`common:${page.label}`),
    to: `/${region}/${page.path}`,
  }));
  if (repository === undefined) return pages;
  const tabs = REPOSITORY_TABS.map((tab) => ({
    id: `tab:${tab}`,
    label: t('command-palette:tab', { tab: t(`command-palette:tabs.${tab}`) }),
    detail: `${repository.namespace}/${repository.repository}`,
    to: paths.repository(repository.region, repository.namespace, repository.repository, tab),
  }));
  return [...tabs, ...pages];
}

function actionEntries(context: PaletteContext): Entry[] {
  const { t } = context;
  const otherRegions = context.regions
    .filter((id) => id !== context.region)
    .map((id) => ({
      id: `region:${id}`,
      label: t('command-palette:actions.region', { region: id }),
      to: paths.overview(id),
    }));
  const languages = LANGUAGES.filter((language) => language.code !== context.language).map(
    (language) => ({
      id: `language:${language.code}`,
      label: t('command-palette:actions.language', { language: language.label }),
      run: { kind: 'language', code: language.code } as const,
    }),
  );
  const help = {
    id: 'help',
    label: t('command-palette:actions.help'),
    run: { kind: 'help' } as const,
  };
  return [help, ...languages, ...otherRegions];
}

function foundEntries(
  found: FleetSearchResponse | undefined,
  context: PaletteContext,
): { organizations: Entry[]; repositories: Entry[] } {
  const { t } = context;
  const where = (region: string) => t('command-palette:inRegion', { region });
  return {
    organizations: (found?.namespaces ?? []).map((namespace) => ({
      id: `namespace:${namespace.region}:${namespace.name}`,
      label: namespace.name,
      detail: where(namespace.region),
      to: paths.organization(namespace.region, namespace.name),
    })),
    repositories: (found?.repositories ?? []).map((repository) => ({
      id: `repository:${repository.region}:${repository.namespace}/${repository.name}`,
      label: `${repository.namespace}/${repository.name}`,
      detail: where(repository.region),
      to: paths.repository(repository.region, repository.namespace, repository.name),
    })),
  };
}

function tagEntries(tags: readonly string[], repository: RepositoryRef | undefined): Entry[] {
  if (repository === undefined) return [];
  const { region, namespace } = repository;
  const tab = paths.repository(region, namespace, repository.repository, 'tags');
  return tags.map((tag) => ({
    id: `tag:${tag}`,
    label: tag,
    detail: `${namespace}/${repository.repository}`,
    to: `${tab}?q=${encodeURIComponent(tag)}`,
  }));
}

/** The palette's sections for `text`, empty ones left out. */
export function paletteSections(
  text: string,
  context: PaletteContext,
  found: FleetSearchResponse | undefined,
  tags: readonly string[],
): Section[] {
  const { t } = context;
  const { organizations, repositories } = foundEntries(found, context);
  const pages: Section = {
    id: 'pages',
    label: t('command-palette:sections.pages'),
    entries: pageEntries(context).filter((entry) => matches(text, entry.label)),
  };
  const actions: Section = {
    id: 'actions',
    label: t('command-palette:sections.actions'),
    entries: actionEntries(context).filter((entry) => matches(text, entry.label)),
  };
  // What the search found first: a page's name holds a typed word more often by chance.
  const sections: Section[] = [
    {
      id: 'tags',
      label: t('command-palette:sections.tags'),
      entries: tagEntries(tags, context.repository),
    },
    {
      id: 'repositories',
      label: t('command-palette:sections.repositories'),
      entries: repositories,
    },
    {
      id: 'organizations',
      label: t('command-palette:sections.organizations'),
      entries: organizations,
    },
    pages,
    actions,
  ];
  return sections.filter((section) => section.entries.length > 0);
}
