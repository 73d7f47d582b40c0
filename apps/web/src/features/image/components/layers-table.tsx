/** An image's layers in order, each with its digest, media type and size, and their total. */
import type { ImageLayer } from '@swr-dashboard/swr-client/browser';
import { useTranslation } from 'react-i18next';
import { Table, Td, Th } from '../../../components/ui/table';
import { useFormat } from '../../../lib/format';
import { shortDigest } from '../commands';

export function LayersTable({
  caption,
  layers,
}: {
  caption: string;
  layers: readonly ImageLayer[];
}) {
  const { t } = useTranslation(['image']);
  const format = useFormat();
  const total = layers.reduce((sum, layer) => sum + layer.size, 0);
  if (layers.length === 0) return <p className="text-sm">{t('layers.none')}</p>;
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th className="w-12">{t('layers.order')}</Th>
          <Th>{t('layers.digest')}</Th>
          <Th>{t('layers.mediaType')}</Th>
          <Th className="text-right">{t('layers.size')}</Th>
        </tr>
      </thead>
      <tbody>
        {layers.map((layer, index) => (
          <tr key={`${String(index)}:${layer.digest}`}>
            <Td>{format.number(index + 1)}</Td>
            <Td>
              <code className="font-mono text-xs" title={layer.digest}>
                {shortDigest(layer.digest)}
              </code>
            </Td>
            <Td className="break-all font-mono text-xs">{layer.mediaType}</Td>
            <Td className="whitespace-nowrap text-right">{format.bytes(layer.size)}</Td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <Th scope="row" colSpan={3} className="text-fg">
            {t('layers.total', { count: layers.length })}
          </Th>
          <Td className="whitespace-nowrap text-right font-medium">{format.bytes(total)}</Td>
        </tr>
      </tfoot>
    </Table>
  );
}
