/**
 * The kinds of image a team builds, as the fleet seed names and describes them: a repository is
 * `<subject>-<suffix>` (`payment-api`), or for a few kinds `<group>/<subject>` (`base/ingress`),
 * with the category, typical size and tag style that kind has.
 */
import type { RepositoryCategory } from '@swr-dashboard/swr-client';

/** How a repository names its tags. */
export type TagStyle = 'semver' | 'git' | 'calver' | 'mixed';

export interface ImageKind {
  /** How the name is made from the subject. */
  name: (subject: string) => string;
  category: RepositoryCategory;
  /** Typical image size, in MB: smallest and largest. */
  sizeMb: readonly [number, number];
  /** How often a team builds one, relative to the others. */
  weight: number;
  /** Its tag style when the kind has one (base images are rebuilt by date). */
  style?: TagStyle;
  descriptions: readonly ((subject: string) => string)[];
}

const title = (subject: string) =>
  subject.charAt(0).toUpperCase() + subject.slice(1).replaceAll('-', ' ');

export const KINDS = {
  api: {
    name: (s) => `${s}-api`,
    category: 'app_server',
    sizeMb: [90, 260],
    weight: 10,
    descriptions: [
      (s) => `${title(s)} REST API behind the API gateway.`,
      (s) => `HTTP API for ${s} data (Go).`,
      (s) => `${title(s)} API, Spring Boot 3.`,
    ],
  },
  service: {
    name: (s) => `${s}-service`,
    category: 'app_server',
    sizeMb: [110, 320],
    weight: 8,
    descriptions: [(s) => `${title(s)} gRPC service.`, (s) => `The ${s} domain service.`],
  },
  worker: {
    name: (s) => `${s}-worker`,
    category: 'framework_app',
    sizeMb: [120, 420],
    weight: 7,
    descriptions: [(s) => `Background jobs for ${s}.`, (s) => `${title(s)} queue worker.`],
  },
  consumer: {
    name: (s) => `${s}-consumer`,
    category: 'framework_app',
    sizeMb: [100, 380],
    weight: 4,
    descriptions: [(s) => `Kafka consumer of ${s} events.`],
  },
  web: {
    name: (s) => `${s}-web`,
    category: 'app_server',
    sizeMb: [35, 160],
    weight: 4,
    descriptions: [(s) => `${title(s)} web front end (Next.js).`, (s) => `${title(s)} UI.`],
  },
  bff: {
    name: (s) => `${s}-bff`,
    category: 'app_server',
    sizeMb: [80, 200],
    weight: 2,
    descriptions: [(s) => `Backend for the ${s} front end.`],
  },
  admin: {
    name: (s) => `${s}-admin`,
    category: 'app_server',
    sizeMb: [70, 220],
    weight: 2,
    descriptions: [(s) => `Back-office screens for ${s}.`],
  },
  migrator: {
    name: (s) => `${s}-db-migrator`,
    category: 'database',
    sizeMb: [60, 150],
    weight: 3,
    descriptions: [(s) => `Flyway migrations of the ${s} database.`],
  },
  cache: {
    name: (s) => `${s}-cache`,
    category: 'database',
    sizeMb: [30, 90],
    weight: 1,
    descriptions: [(s) => `Redis with the ${s} cache settings.`],
  },
  job: {
    name: (s) => `jobs/${s}`,
    category: 'framework_app',
    sizeMb: [400, 1_800],
    weight: 2,
    descriptions: [(s) => `Nightly ${s} batch job.`, (s) => `${title(s)} Spark job.`],
  },
  cron: {
    name: (s) => `${s}-cron`,
    category: 'other',
    sizeMb: [40, 180],
    weight: 2,
    style: 'git',
    descriptions: [(s) => `Scheduled ${s} housekeeping.`],
  },
  exporter: {
    name: (s) => `${s}-exporter`,
    category: 'other',
    sizeMb: [12, 60],
    weight: 2,
    descriptions: [(s) => `Prometheus exporter for ${s}.`],
  },
  proxy: {
    name: (s) => `${s}-proxy`,
    category: 'app_server',
    sizeMb: [20, 90],
    weight: 1,
    descriptions: [(s) => `Envoy-based ${s} proxy.`],
  },
  base: {
    name: (s) => `base/${s}`,
    category: 'linux',
    sizeMb: [6, 120],
    weight: 1,
    style: 'calver',
    descriptions: [(s) => `Base image for ${s} builds, rebuilt weekly.`],
  },
  model: {
    name: (s) => `${s}-model`,
    category: 'lang',
    sizeMb: [1_500, 7_000],
    weight: 1,
    descriptions: [(s) => `${title(s)} model server (PyTorch, CUDA 12).`],
  },
  trainer: {
    name: (s) => `${s}-trainer`,
    category: 'lang',
    sizeMb: [3_000, 9_000],
    weight: 0,
    style: 'calver',
    descriptions: [(s) => `Training image for the ${s} models.`],
  },
  arm64: {
    name: (s) => `${s}-arm64`,
    category: 'arm',
    sizeMb: [40, 300],
    weight: 0,
    descriptions: [(s) => `${title(s)} agent for ARM64 edge boxes.`],
  },
  windows: {
    name: (s) => `${s}-win`,
    category: 'windows',
    sizeMb: [3_500, 6_000],
    weight: 0,
    descriptions: [(s) => `${title(s)} on Windows Server Core (being retired).`],
  },
} satisfies Record<string, ImageKind>;

export type KindName = keyof typeof KINDS;
