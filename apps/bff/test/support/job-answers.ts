/**
 * The jobs API's answers, checked against the contract and narrowed to the kind a test made: a
 * test of a tag clean-up reads its items' tags without asking which kind each answer is.
 */
import {
  jobItemsResponse,
  jobPreviewResponse,
  type JobItemOf,
  type JobKind,
  type JobPreviewOf,
} from '@swr-dashboard/swr-client';

/** A preview's answer, which must be of `kind`. */
export function previewAnswer<K extends JobKind = 'tag-cleanup'>(
  json: unknown,
  kind: K = 'tag-cleanup' as K,
): JobPreviewOf<K> {
  const preview = jobPreviewResponse.parse(json);
  if (preview.kind !== kind) throw new Error(`a preview of ${preview.kind}, not ${kind}`);
  return preview as JobPreviewOf<K>;
}

/** A page of items' answer, which must be of `kind`. */
export function itemsAnswer<K extends JobKind = 'tag-cleanup'>(
  json: unknown,
  kind: K = 'tag-cleanup' as K,
): JobItemOf<K>[] {
  const page = jobItemsResponse.parse(json);
  if (page.kind !== kind) throw new Error(`items of ${page.kind}, not ${kind}`);
  return page.items as JobItemOf<K>[];
}
