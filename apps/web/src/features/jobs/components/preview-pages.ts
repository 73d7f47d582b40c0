/** The pages of a preview's tables (a job across many repositories can name thousands of items). */
import { useState } from 'react';

export const PREVIEW_PAGE_SIZES = [50, 100, 500];

/** The smallest page: a table longer than this gets its pagination. */
export const PREVIEW_PAGE = PREVIEW_PAGE_SIZES[0] ?? 50;

export function usePreviewPage() {
  const [page, setPage] = useState({ offset: 0, limit: PREVIEW_PAGE });
  return { page, setPage };
}
