/**
 * The comparison of two tags' images: side by side (digest, kind, platform, size, layers,
 * created), the size difference, the layers by digest (shared, or only in one), and what changed
 * in the config. What the registry could not tell is said, with why.
 */
import type { ImageDetails } from '@swr-dashboard/swr-client/browser';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge';
import { Table, Td, Th } from '../../../components/ui/table';
import { useFormat } from '../../../lib/format';
import { execForm, isIndex, shortDigest } from '../commands';
import { compareConfigs, compareLayers, type Changed, type LayerPlace } from '../compare';
import { CodeList } from './config-view';
import { RegistryNotice } from './registry-notice';
import { Section } from './section';

export interface Side {
  tag: string;
  details: ImageDetails;
}

export function Comparison({ a, b }: { a: Side; b: Side }) {
  return (
    <>
      <SummarySection a={a} b={b} />
      <LayersSection a={a} b={b} />
      <ConfigSection a={a} b={b} />
    </>
  );
}

/** A row of the side-by-side tables: its field as the row's header, then each side's value. */
function Row({
  field,
  a,
  b,
  change,
}: {
  field: string;
  a: ReactNode;
  b: ReactNode;
  change?: ReactNode;
}) {
  return (
    <tr>
      <Th scope="row" className="text-fg">
        {field}
      </Th>
      <Td>{a}</Td>
      <Td>{b}</Td>
      {change === undefined ? null : <Td>{change}</Td>}
    </tr>
  );
}

function SummarySection({ a, b }: { a: Side; b: Side }) {
  const { t } = useTranslation(['image']);
  const format = useFormat();
  const kind = (side: Side) =>
    isIndex(side.details.mediaType) || side.details.platforms.length > 0
      ? t('summary.index', { count: side.details.platforms.length })
      : t('summary.single');
  const size = (side: Side) =>
    side.details.image === null ? t('compare.unknown') : format.bytes(side.details.image.size);
  const layers = (side: Side) =>
    side.details.image === null
      ? t('compare.unknown')
      : format.number(side.details.image.layers.length);
  const created = (side: Side) => {
    const value = side.details.image?.config?.created;
    return value === undefined || value === null ? t('compare.unknown') : format.dateTime(value);
  };
  // An index's platform, else the one the image's config names (when the registry was read).
  const platform = (side: Side) =>
    side.details.image?.platform ?? side.details.image?.config?.platform ?? t('compare.unknown');
  const digest = (side: Side) => (
    <code className="font-mono text-xs" title={side.details.digest}>
      {shortDigest(side.details.digest)}
    </code>
  );
  const sizes =
    a.details.image !== null && b.details.image !== null
      ? b.details.image.size - a.details.image.size
      : undefined;
  return (
    <Section title={t('compare.summary.heading')}>
      <Table caption={t('compare.summary.caption', { a: a.tag, b: b.tag })}>
        <thead>
          <tr>
            <Th>{t('compare.field')}</Th>
            <Th className="font-mono">{a.tag}</Th>
            <Th className="font-mono">{b.tag}</Th>
          </tr>
        </thead>
        <tbody>
          <Row field={t('summary.digest')} a={digest(a)} b={digest(b)} />
          <Row field={t('summary.kind')} a={kind(a)} b={kind(b)} />
          <Row field={t('config.platform')} a={platform(a)} b={platform(b)} />
          <Row field={t('summary.size')} a={size(a)} b={size(b)} />
          <Row field={t('layers.heading')} a={layers(a)} b={layers(b)} />
          <Row field={t('config.created')} a={created(a)} b={created(b)} />
        </tbody>
      </Table>
      {sizes === undefined ? null : (
        <p className="text-sm font-medium">
          {a.details.digest === b.details.digest
            ? t('compare.sameImage', { a: a.tag, b: b.tag })
            : sizes === 0
              ? t('compare.sizeSame', { a: a.tag, b: b.tag })
              : t(sizes > 0 ? 'compare.sizeLarger' : 'compare.sizeSmaller', {
                  a: a.tag,
                  b: b.tag,
                  size: format.bytes(Math.abs(sizes)),
                })}
        </p>
      )}
    </Section>
  );
}

/** Why one side cannot be compared on some part: the registry was not read for it. */
function Unreadable({ side }: { side: Side }) {
  const { t } = useTranslation(['image']);
  return (
    <div className="flex flex-col gap-1">
      <p className="text-sm font-medium">{t('compare.sideUnreadable', { tag: side.tag })}</p>
      <RegistryNotice
        registry={side.details.registry}
        index={isIndex(side.details.mediaType) || side.details.platforms.length > 0}
      />
    </div>
  );
}

function LayersSection({ a, b }: { a: Side; b: Side }) {
  const { t } = useTranslation(['image']);
  const format = useFormat();
  const left = a.details.image;
  const right = b.details.image;
  if (left === null || right === null) {
    return (
      <Section title={t('layers.heading')}>
        {left === null ? <Unreadable side={a} /> : null}
        {right === null ? <Unreadable side={b} /> : null}
      </Section>
    );
  }
  const result = compareLayers(left.layers, right.layers);
  const place = (value: LayerPlace) =>
    value === 'both' ? (
      <Badge tone="success">{t('compare.layers.both')}</Badge>
    ) : (
      <Badge tone="warning">
        {t('compare.layers.only', { tag: value === 'a' ? a.tag : b.tag })}
      </Badge>
    );
  return (
    <Section title={t('layers.heading')}>
      <p className="text-sm">
        {t('compare.layers.summary', {
          shared: format.number(result.shared.count),
          sharedSize: format.bytes(result.shared.size),
          onlyA: format.number(result.onlyA.count),
          onlyASize: format.bytes(result.onlyA.size),
          onlyB: format.number(result.onlyB.count),
          onlyBSize: format.bytes(result.onlyB.size),
          a: a.tag,
          b: b.tag,
        })}
      </p>
      <Table caption={t('compare.layers.caption', { a: a.tag, b: b.tag })}>
        <thead>
          <tr>
            <Th>{t('layers.digest')}</Th>
            <Th className="text-right">{t('layers.size')}</Th>
            <Th>{t('compare.layers.in')}</Th>
          </tr>
        </thead>
        <tbody>
          {result.layers.map((layer, index) => (
            <tr key={`${String(index)}:${layer.digest}`}>
              <Td>
                <code className="font-mono text-xs" title={layer.digest}>
                  {shortDigest(layer.digest)}
                </code>
              </Td>
              <Td className="whitespace-nowrap text-right">{format.bytes(layer.size)}</Td>
              <Td>{place(layer.in)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Section>
  );
}

function ConfigSection({ a, b }: { a: Side; b: Side }) {
  const { t } = useTranslation(['image']);
  const format = useFormat();
  const left = a.details.image?.config ?? null;
  const right = b.details.image?.config ?? null;
  if (left === null || right === null) {
    return (
      <Section title={t('compare.config.heading')}>
        {left === null ? <Unreadable side={a} /> : null}
        {right === null ? <Unreadable side={b} /> : null}
      </Section>
    );
  }
  const result = compareConfigs(left, right);
  const text = (value: string) =>
    value === '' ? t('config.notSet') : <code className="font-mono text-xs">{value}</code>;
  const args = (value: readonly string[]) =>
    value.length === 0 ? (
      t('config.notSet')
    ) : (
      <code className="font-mono text-xs">{execForm(value)}</code>
    );
  const badge = (field: Changed<unknown>) =>
    field.changed ? (
      <Badge tone="warning">{t('compare.config.changed')}</Badge>
    ) : (
      <Badge>{t('compare.config.same')}</Badge>
    );
  const created = (value: string | null) =>
    value === null ? t('config.unknownCreated') : format.dateTime(value);
  return (
    <Section title={t('compare.config.heading')}>
      {result.changed ? null : (
        <p className="text-sm font-medium">
          {t('compare.config.unchanged', { a: a.tag, b: b.tag })}
        </p>
      )}
      <Table caption={t('compare.config.caption', { a: a.tag, b: b.tag })}>
        <thead>
          <tr>
            <Th>{t('compare.field')}</Th>
            <Th className="font-mono">{a.tag}</Th>
            <Th className="font-mono">{b.tag}</Th>
            <Th>{t('compare.config.change')}</Th>
          </tr>
        </thead>
        <tbody>
          <Row
            field={t('config.created')}
            a={created(result.created.a)}
            b={created(result.created.b)}
            change={badge(result.created)}
          />
          <Row
            field={t('config.platform')}
            a={result.platform.a}
            b={result.platform.b}
            change={badge(result.platform)}
          />
          <Row
            field={t('config.entrypoint')}
            a={args(result.entrypoint.a)}
            b={args(result.entrypoint.b)}
            change={badge(result.entrypoint)}
          />
          <Row
            field={t('config.cmd')}
            a={args(result.cmd.a)}
            b={args(result.cmd.b)}
            change={badge(result.cmd)}
          />
          <Row
            field={t('config.workingDir')}
            a={text(result.workingDir.a)}
            b={text(result.workingDir.b)}
            change={badge(result.workingDir)}
          />
          <Row
            field={t('config.user')}
            a={text(result.user.a)}
            b={text(result.user.b)}
            change={badge(result.user)}
          />
        </tbody>
      </Table>
      <dl className="grid grid-cols-[minmax(12rem,max-content)_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="text-muted">{t('compare.config.envAdded', { tag: b.tag })}</dt>
        <dd>
          <CodeList
            label={t('compare.config.envAdded', { tag: b.tag })}
            values={result.envNames.added}
          />
        </dd>
        <dt className="text-muted">{t('compare.config.envRemoved', { tag: b.tag })}</dt>
        <dd>
          <CodeList
            label={t('compare.config.envRemoved', { tag: b.tag })}
            values={result.envNames.removed}
          />
        </dd>
        <dt className="text-muted">{t('compare.config.portsAdded', { tag: b.tag })}</dt>
        <dd>
          <CodeList
            label={t('compare.config.portsAdded', { tag: b.tag })}
            values={result.exposedPorts.added}
          />
        </dd>
        <dt className="text-muted">{t('compare.config.portsRemoved', { tag: b.tag })}</dt>
        <dd>
          <CodeList
            label={t('compare.config.portsRemoved', { tag: b.tag })}
            values={result.exposedPorts.removed}
          />
        </dd>
      </dl>
      {result.labels.length === 0 ? (
        <p className="text-sm">{t('compare.config.labelsSame')}</p>
      ) : (
        <div className="flex flex-col gap-2">
          <h3 className="text-sm font-medium">{t('compare.config.labelsHeading')}</h3>
          <Table caption={t('compare.config.labelsCaption', { a: a.tag, b: b.tag })}>
            <thead>
              <tr>
                <Th>{t('config.label')}</Th>
                <Th className="font-mono">{a.tag}</Th>
                <Th className="font-mono">{b.tag}</Th>
              </tr>
            </thead>
            <tbody>
              {result.labels.map((change) => (
                <tr key={change.key}>
                  <Th scope="row" className="break-all font-mono text-xs text-fg">
                    {change.key}
                  </Th>
                  <Td className="break-all font-mono text-xs">
                    {change.a ?? t('compare.config.absent')}
                  </Td>
                  <Td className="break-all font-mono text-xs">
                    {change.b ?? t('compare.config.absent')}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </Section>
  );
}
