/**
 * The fleet seed's 50 organizations: one per team, with how many repositories each holds (1,000
 * in all, spread as unevenly as in a real company: four platform-sized teams with 60 and more,
 * a long middle, and a few with one to three) and the subjects its services are named after.
 */
import type { KindName } from './kinds';

export interface Team {
  name: string;
  repositories: number;
  /** What the team's services are about: `payment` makes `payment-api`, `payment-worker`… */
  subjects: readonly string[];
  /** Kinds of image this team builds more often than others do. */
  leans?: readonly KindName[];
}

export const TEAMS: readonly Team[] = [
  {
    name: 'platform-core',
    repositories: 98,
    subjects: ['base', 'ingress', 'mesh', 'config', 'secrets', 'registry', 'dns', 'auth-proxy'],
    leans: ['base', 'proxy', 'exporter'],
  },
  {
    name: 'payments',
    repositories: 86,
    subjects: ['payment', 'refund', 'payout', 'wallet', 'card', 'settlement', 'ledger'],
  },
  {
    name: 'data-platform',
    repositories: 72,
    subjects: ['ingest', 'lakehouse', 'spark', 'kafka', 'airflow', 'schema', 'cdc'],
    leans: ['job', 'consumer'],
  },
  {
    name: 'commerce',
    repositories: 66,
    subjects: ['cart', 'order', 'promotion', 'coupon', 'gift-card', 'storefront'],
  },
  { name: 'identity', repositories: 38, subjects: ['login', 'session', 'oauth', 'mfa', 'profile'] },
  { name: 'search', repositories: 34, subjects: ['query', 'index', 'ranking', 'suggest'] },
  {
    name: 'ml-infra',
    repositories: 31,
    subjects: ['feature', 'embedding', 'inference', 'training', 'notebook'],
    leans: ['model', 'trainer'],
  },
  { name: 'logistics', repositories: 30, subjects: ['shipment', 'route', 'carrier', 'tracking'] },
  {
    name: 'observability',
    repositories: 28,
    subjects: ['metrics', 'logs', 'traces', 'alert', 'dashboard'],
    leans: ['exporter'],
  },
  { name: 'mobile-backend', repositories: 27, subjects: ['push', 'device', 'app-config', 'feed'] },
  { name: 'checkout', repositories: 26, subjects: ['checkout', 'tax', 'address', 'quote'] },
  { name: 'catalog', repositories: 25, subjects: ['product', 'category', 'media', 'attribute'] },
  { name: 'messaging', repositories: 24, subjects: ['email', 'sms', 'chat', 'template'] },
  { name: 'growth', repositories: 23, subjects: ['referral', 'experiment', 'campaign'] },
  { name: 'billing', repositories: 22, subjects: ['invoice', 'subscription', 'usage', 'dunning'] },
  {
    name: 'recommendations',
    repositories: 21,
    subjects: ['recs', 'similar-items', 'personalize'],
    leans: ['model'],
  },
  { name: 'fulfillment', repositories: 20, subjects: ['pick', 'pack', 'warehouse', 'label'] },
  {
    name: 'sre',
    repositories: 20,
    subjects: ['oncall', 'chaos', 'runbook', 'status-page'],
    leans: ['cron', 'exporter'],
  },
  { name: 'security', repositories: 19, subjects: ['scanner', 'waf', 'audit', 'vault', 'policy'] },
  { name: 'inventory', repositories: 18, subjects: ['stock', 'reservation', 'supplier'] },
  { name: 'ads', repositories: 18, subjects: ['bidder', 'ad-serving', 'creative', 'budget'] },
  { name: 'pricing', repositories: 17, subjects: ['price', 'discount', 'currency'] },
  { name: 'customer-care', repositories: 16, subjects: ['ticket', 'chatbot', 'survey'] },
  { name: 'risk', repositories: 16, subjects: ['fraud', 'scoring', 'kyc'], leans: ['model'] },
  { name: 'web-apps', repositories: 15, subjects: ['portal', 'landing', 'help-center'] },
  { name: 'media', repositories: 14, subjects: ['image', 'video', 'thumbnail', 'transcode'] },
  { name: 'streaming', repositories: 14, subjects: ['live', 'vod', 'packager', 'drm'] },
  { name: 'notifications', repositories: 13, subjects: ['notification', 'digest', 'preference'] },
  {
    name: 'devtools',
    repositories: 13,
    subjects: ['lint', 'codegen', 'preview', 'sdk'],
    leans: ['base'],
  },
  {
    name: 'ci-infra',
    repositories: 12,
    subjects: ['runner', 'builder', 'cache', 'artifact'],
    leans: ['base'],
  },
  { name: 'analytics', repositories: 12, subjects: ['events', 'sessions', 'funnel'] },
  { name: 'edge', repositories: 11, subjects: ['cdn', 'edge-proxy', 'geo'], leans: ['arm64'] },
  { name: 'maps', repositories: 10, subjects: ['geocode', 'tiles', 'places'] },
  {
    name: 'iot-gateway',
    repositories: 10,
    subjects: ['telemetry', 'firmware', 'device-shadow'],
    leans: ['arm64'],
  },
  { name: 'crm', repositories: 9, subjects: ['contact', 'lead', 'account'] },
  { name: 'finance-it', repositories: 9, subjects: ['gl', 'payroll', 'expense'] },
  { name: 'qa-automation', repositories: 8, subjects: ['e2e', 'load-test', 'fixtures'] },
  { name: 'partner-integrations', repositories: 8, subjects: ['partner', 'webhook', 'edi'] },
  { name: 'compliance', repositories: 7, subjects: ['retention', 'consent', 'report'] },
  { name: 'hr-systems', repositories: 7, subjects: ['employee', 'leave', 'onboarding'] },
  { name: 'bi-reporting', repositories: 6, subjects: ['report', 'cube', 'export'] },
  {
    name: 'legacy-erp',
    repositories: 5,
    subjects: ['erp', 'purchasing', 'sap-bridge'],
    leans: ['windows'],
  },
  { name: 'network', repositories: 5, subjects: ['vpn', 'bgp', 'netcheck'] },
  { name: 'marketing-tech', repositories: 4, subjects: ['newsletter', 'tracking-pixel'] },
  { name: 'db-team', repositories: 4, subjects: ['postgres', 'mysql', 'backup'] },
  { name: 'storage', repositories: 3, subjects: ['obs-sync', 'backup'] },
  { name: 'sandbox', repositories: 2, subjects: ['hello', 'scratch'] },
  { name: 'design-system', repositories: 2, subjects: ['storybook', 'icons'] },
  { name: 'hackathon-2025', repositories: 1, subjects: ['demo'] },
  { name: 'archive', repositories: 1, subjects: ['old-site'] },
];
