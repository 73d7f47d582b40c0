/**
 * Emulator at scale (issue: "a page of a repository with 20,000 tags costs about what a page of
 * a small one does"). Goals: a page of tags from a 20,000-tag repository costs at most 2× a page
 * from a 20-tag one; a page of a 1,000-repository list at most 2× one of a 10-repository list.
 * Measured over signed HTTP (what every client pays) and in-process (the store alone).
 *
 * Run: pnpm bench   (writes bench/results/emulator-scale.{json,md})
 */
import {
  createSignedTransport,
  createSwrClient,
  type OperationInput,
  type OperationName,
} from '@swr-dashboard/swr-client';
import {
  DEMO_CREDENTIALS,
  SeedSession,
  defaultRegions,
  startEmulator,
} from '@swr-dashboard/emulator';
import { fixed, machine, measure, writeResults, type Case, type Timing } from './lib/measure';

const NORTH = 'cn-north-4';
const EAST = 'cn-east-3';
const BIG_TAGS = 20_000;
const SMALL_TAGS = 20;
const MANY_REPOS = 1_000;
const FEW_REPOS = 10;

const emulator = await startEmulator({
  config: { database: ':memory:', regions: defaultRegions(0) },
});
const session = new SeedSession(
  emulator.store,
  emulator.config,
  'demo-ops',
  new Date(Date.now() - 400 * 86_400_000),
);

const fillStarted = performance.now();
emulator.store.transaction(() => {
  session.call(NORTH, 'createNamespace', { body: { namespace: 'bench' } });
  for (const repository of ['big', 'small']) {
    session.call(NORTH, 'createRepo', {
      params: { namespace: 'bench' },
      body: { repository, is_public: false },
    });
  }
  for (const [repository, count] of [
    ['big', BIG_TAGS],
    ['small', SMALL_TAGS],
  ] as const) {
    for (let i = 0; i < count; i += 1) {
      session.now = new Date(session.now.getTime() + 1000);
      session.push(NORTH, 'bench', repository, `v1.${Math.floor(i / 100)}.${i % 100}`, 10_000_000);
    }
  }
  // 1,000 repositories in one region (with bench/big and bench/small: 1,002), 10 in another.
  for (let n = 0; n < MANY_REPOS / 100; n += 1) {
    session.call(NORTH, 'createNamespace', { body: { namespace: `many-${n}` } });
    for (let r = 0; r < 100 - (n === 0 ? 2 : 0); r += 1) {
      session.call(NORTH, 'createRepo', {
        params: { namespace: `many-${n}` },
        body: { repository: `app-${r}`, is_public: false },
      });
    }
  }
  session.call(EAST, 'createNamespace', { body: { namespace: 'few' } });
  for (let r = 0; r < FEW_REPOS; r += 1) {
    session.call(EAST, 'createRepo', {
      params: { namespace: 'few' },
      body: { repository: `app-${r}`, is_public: false },
    });
  }
});
const fillMs = performance.now() - fillStarted;

function clientFor(region: string) {
  const url = emulator.regions.find((candidate) => candidate.id === region)?.url ?? '';
  return createSwrClient(
    createSignedTransport({
      endpoint: url,
      credentials: { ...DEMO_CREDENTIALS, projectId: emulator.projectId('demo-ops', region) },
    }),
  );
}
const north = clientFor(NORTH);
const east = clientFor(EAST);
const tags = (repository: string, query: OperationInput<'listRepositoryTags'>['query']) => ({
  params: { namespace: 'bench', repository },
  query,
});
const inProcess =
  <N extends OperationName>(region: string, name: N, input: OperationInput<N>) =>
  () =>
    session.call(region, name, input);

const firstPage = { limit: 20, offset: 0 };
const byName = { limit: 20, offset: 0, order_column: 'tag', order_type: 'asc' } as const;
const cases: Case[] = [
  { name: 'http tags page 20k', run: () => north.listRepositoryTags(tags('big', firstPage)) },
  { name: 'http tags page 20', run: () => north.listRepositoryTags(tags('small', firstPage)) },
  { name: 'http tags by name 20k', run: () => north.listRepositoryTags(tags('big', byName)) },
  { name: 'http tags by name 20', run: () => north.listRepositoryTags(tags('small', byName)) },
  {
    name: 'http repos page 1000',
    run: () => north.listReposDetails({ query: { limit: 10, offset: 0 } }),
  },
  {
    name: 'http repos page 10',
    run: () => east.listReposDetails({ query: { limit: 10, offset: 0 } }),
  },
  {
    name: 'store tags page 20k',
    run: inProcess(NORTH, 'listRepositoryTags', tags('big', firstPage)),
  },
  {
    name: 'store tags page 20',
    run: inProcess(NORTH, 'listRepositoryTags', tags('small', firstPage)),
  },
  {
    name: 'store repos page 1000',
    run: inProcess(NORTH, 'listReposDetails', { query: { limit: 10, offset: 0 } }),
  },
  {
    name: 'store repos page 10',
    run: inProcess(EAST, 'listReposDetails', { query: { limit: 10, offset: 0 } }),
  },
  {
    name: 'store tags last page 20k',
    run: inProcess(NORTH, 'listRepositoryTags', tags('big', { limit: 20, offset: BIG_TAGS - 20 })),
  },
  {
    name: 'store tags filter 20k',
    run: inProcess(
      NORTH,
      'listRepositoryTags',
      tags('big', { tag: '1.99.', limit: 20, offset: 0 }),
    ),
  },
];

const timings = await measure(cases, { rounds: 20, perRound: 15, warmup: 20 });
await emulator.close();

const byCase = new Map(timings.map((timing) => [timing.name, timing]));
const median = (name: string) => (byCase.get(name) as Timing).medianMs;
const comparisons = [
  {
    goal: 'tags page, 20,000 vs 20 tags (HTTP)',
    big: 'http tags page 20k',
    small: 'http tags page 20',
    limit: 2,
  },
  {
    goal: 'tags by name, 20,000 vs 20 tags (HTTP)',
    big: 'http tags by name 20k',
    small: 'http tags by name 20',
    limit: 2,
  },
  {
    goal: 'repository list page, 1,000 vs 10 (HTTP)',
    big: 'http repos page 1000',
    small: 'http repos page 10',
    limit: 2,
  },
  {
    goal: 'tags page, 20,000 vs 20 tags (store)',
    big: 'store tags page 20k',
    small: 'store tags page 20',
    limit: 2,
  },
  {
    goal: 'repository list page, 1,000 vs 10 (store)',
    big: 'store repos page 1000',
    small: 'store repos page 10',
    limit: 2,
  },
  {
    goal: 'last page of 20,000 vs first page of 20 (store, informational)',
    big: 'store tags last page 20k',
    small: 'store tags page 20',
    limit: undefined,
  },
  {
    goal: 'name filter over 20,000 vs page of 20 (store, informational)',
    big: 'store tags filter 20k',
    small: 'store tags page 20',
    limit: undefined,
  },
].map((comparison) => {
  const ratio = median(comparison.big) / median(comparison.small);
  return {
    ...comparison,
    ratio,
    met: comparison.limit === undefined ? undefined : ratio <= comparison.limit,
  };
});

const markdown = [
  '# Emulator at scale',
  '',
  `Measured ${new Date().toISOString()} on ${JSON.stringify(machine())}. Fill: ${BIG_TAGS} + ${SMALL_TAGS} tags, ${MANY_REPOS + 2} + ${FEW_REPOS} repositories in ${fixed(fillMs / 1000, 1)} s. Pages of 20 tags / 10 repositories; ${timings[0]?.samples ?? 0} samples a case, interleaved.`,
  '',
  '| comparison | big median ms | small median ms | ratio | goal | met |',
  '|---|---|---|---|---|---|',
  ...comparisons.map(
    (c) =>
      `| ${c.goal} | ${fixed(median(c.big))} | ${fixed(median(c.small))} | ${fixed(c.ratio, 2)} | ${c.limit === undefined ? '-' : `≤ ${c.limit}`} | ${c.met === undefined ? '-' : c.met ? 'yes' : 'NO'} |`,
  ),
  '',
  '| case | median ms | p95 ms | mean ms |',
  '|---|---|---|---|',
  ...timings.map(
    (t) => `| ${t.name} | ${fixed(t.medianMs)} | ${fixed(t.p95Ms)} | ${fixed(t.meanMs)} |`,
  ),
  '',
].join('\n');
writeResults('emulator-scale', { machine: machine(), fillMs, timings, comparisons }, markdown);
console.log(markdown);
const missed = comparisons.filter((c) => c.met === false);
if (missed.length > 0) {
  console.error(`goals missed: ${missed.map((c) => c.goal).join('; ')}`);
  process.exitCode = 1;
}
