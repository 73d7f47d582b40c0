/**
 * The fleet's 1,000 repositories as a plan: names, categories, descriptions, visibility, and a
 * year of pushes each (most 5–40 tags, some none, a few several hundred), ending three weeks
 * before now, when the seed's policies and triggers arrive.
 */
import type { RepositoryCategory } from '@swr-dashboard/swr-client';
import type { Random } from '../random';
import { KINDS, type ImageKind, type KindName, type TagStyle } from './kinds';
import { TagNamer } from './tag-names';
import { TEAMS, type Team } from './teams';

export const DAY = 24 * 60 * 60 * 1000;
const MIB = 1_048_576;
/** The history of pushes ends this long before now; the policies come a day later. */
const HISTORY_ENDS = 22 * DAY;
/** How many repositories hold several hundred tags. */
const BIG_REPOSITORIES = 6;

export interface PlannedTag {
  tag: string;
  /** Push time, ms. */
  at: number;
  size: number;
}

export interface PlannedRepo {
  namespace: string;
  name: string;
  category: RepositoryCategory;
  description: string;
  isPublic: boolean;
  createdAt: number;
  /** Pushes from before the seed's policies, oldest first, each tag once. */
  tags: PlannedTag[];
  style: TagStyle;
  /** Names the repository's next tags (its live pushes). */
  namer: TagNamer;
  /** Typical image size, bytes. */
  size: number;
  hasLatest: boolean;
  /** Nothing pushed for over three months. */
  stale: boolean;
  /** One of the few repositories with several hundred tags. */
  big: boolean;
  downloads: number;
}

export interface PlannedTeam {
  name: string;
  createdAt: number;
}

function pickKind(random: Random, team: Team): ImageKind {
  const weighted = (Object.keys(KINDS) as KindName[]).map((name) => ({
    name,
    weight: KINDS[name].weight + (team.leans?.includes(name) === true ? 10 : 0),
  }));
  let roll = random.next() * weighted.reduce((sum, kind) => sum + kind.weight, 0);
  for (const kind of weighted) {
    roll -= kind.weight;
    if (roll < 0) return KINDS[kind.name];
  }
  return KINDS.api;
}

/** Words a team puts between subject and kind when the plain name is taken. */
const QUALIFIERS = [
  'events',
  'internal',
  'public',
  'batch',
  'legacy',
  'edge',
  'realtime',
  'export',
];

/**
 * A kind and subject the team has no repository for yet (`payment-events-api` when it must). A
 * team's first repository is of the kind it leans to, so every lean (and category) is there.
 */
function pickName(random: Random, team: Team, taken: Set<string>) {
  const lean = taken.size === 0 ? team.leans?.[0] : undefined;
  let kind = lean === undefined ? pickKind(random, team) : KINDS[lean];
  let subject = random.pick(team.subjects);
  for (let attempt = 0; attempt < 6 && taken.has(kind.name(subject)); attempt += 1) {
    kind = pickKind(random, team);
    subject = random.pick(team.subjects);
  }
  let name = kind.name(subject);
  if (taken.has(name)) name = kind.name(`${subject}-${random.pick(QUALIFIERS)}`);
  const base = name;
  for (let version = 2; taken.has(name); version += 1) name = `${base}-v${version}`;
  taken.add(name);
  return { kind, subject, name };
}

/** Most repositories hold 5–40 tags; some none or a handful, some up to 120, a few hundreds. */
function tagCount(random: Random, big: boolean): number {
  if (big) return random.int(150, 600);
  const roll = random.next();
  if (roll < 0.035) return 0;
  if (roll < 0.06) return random.int(1, 4);
  if (roll < 0.18) return random.int(41, 120);
  return 5 + Math.floor(36 * random.next() ** 1.4);
}

function tagStyle(random: Random, kind: ImageKind): TagStyle {
  if (kind.style !== undefined) return kind.style;
  const roll = random.next();
  return roll < 0.35 ? 'semver' : roll < 0.65 ? 'git' : roll < 0.75 ? 'calver' : 'mixed';
}

interface History {
  createdAt: number;
  tags: PlannedTag[];
  hasLatest: boolean;
  stale: boolean;
}

/** A repository's pushes from its creation to its last push, `latest` re-pushed with the last. */
function history(
  random: Random,
  now: number,
  count: number,
  size: number,
  namer: TagNamer,
): History {
  if (count === 0) {
    const createdAt = now - random.int(1, 364) * DAY - random.int(0, DAY - 1);
    return { createdAt, tags: [], hasLatest: false, stale: false };
  }
  const stale = random.next() < 0.2;
  const lastPush = now - HISTORY_ENDS - (stale ? random.int(80, 300) : random.int(0, 40)) * DAY;
  const start = now - 365 * DAY;
  const createdAt = Math.round(start + random.next() * 0.6 * (lastPush - start));
  const hasLatest = count >= 3 && random.next() < 0.75;
  const versions = count - (hasLatest ? 1 : 0);
  const tags: PlannedTag[] = [];
  for (let i = 0; i < versions; i += 1) {
    const at = Math.round(createdAt + ((i + random.next()) / versions) * (lastPush - createdAt));
    const growth = 0.9 + (0.2 * i) / versions;
    const bytes = Math.round(size * (0.85 + 0.3 * random.next()) * growth);
    tags.push({ tag: namer.next(at), at, size: bytes });
  }
  const last = tags.at(-1);
  if (hasLatest && last !== undefined)
    tags.push({ tag: 'latest', at: last.at + 60_000, size: last.size });
  return { createdAt, tags, hasLatest, stale };
}

function downloads(random: Random, isPublic: boolean, count: number): number {
  if (count === 0) return 0;
  const ceiling = isPublic ? 500_000 : 20_000;
  return Math.floor(Math.exp(random.next() * Math.log(ceiling))) - 1;
}

function planRepo(
  random: Random,
  names: Random,
  now: number,
  team: Team,
  taken: Set<string>,
  big: boolean,
): PlannedRepo {
  const { kind, subject, name } = pickName(random, team, taken);
  const describe = random.pick(kind.descriptions);
  const description = random.next() < 0.08 ? '' : describe(subject);
  const isPublic = random.next() < 0.12;
  const [smallest, largest] = kind.sizeMb;
  const size = Math.round((smallest + random.next() * (largest - smallest)) * MIB);
  const style = tagStyle(random, kind);
  const namer = new TagNamer(style, names);
  const count = tagCount(random, big);
  const past = history(random, now, count, size, namer);
  return {
    namespace: team.name,
    name,
    category: kind.category,
    description,
    isPublic,
    ...past,
    style,
    namer,
    size,
    big,
    downloads: downloads(random, isPublic, count) * (big ? 5 : 1),
  };
}

/**
 * The teams' organizations (each older than its repositories) and their repositories. Tag names
 * are drawn from `names`, so that names, which depend on dates, never change anything else.
 */
export function planRepositories(random: Random, names: Random, now: number) {
  const total = TEAMS.reduce((sum, team) => sum + team.repositories, 0);
  const big = new Set<number>();
  while (big.size < BIG_REPOSITORIES) big.add(random.int(0, total - 1));
  const teams: PlannedTeam[] = [];
  const repos: PlannedRepo[] = [];
  for (const team of TEAMS) {
    const taken = new Set<string>();
    teams.push({ name: team.name, createdAt: now - random.int(370, 900) * DAY });
    for (let i = 0; i < team.repositories; i += 1) {
      repos.push(planRepo(random, names, now, team, taken, big.has(repos.length)));
    }
  }
  return { teams, repos };
}
