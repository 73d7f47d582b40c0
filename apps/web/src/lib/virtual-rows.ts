/**
 * The rows of a long table that are in view, for the tables that render only those (the tags of a
 * repository, the Fleet grid): rows of a fixed height, a few beyond each edge, and the space
 * before and after them that keeps the scroll height. Scrolling re-renders at React's pace rather
 * than synchronously inside each scroll event.
 */
import { useVirtualizer } from '@tanstack/react-virtual';

/** Every row's height in pixels (h-12): fixed, so the virtualizer places rows without measuring. */
export const ROW_HEIGHT = 48;
/**
 * Rows rendered beyond each edge of the view: enough for an arrow key's step. A wheel step or a
 * page key moves about ten rows, more than any overscan worth its cost keeps ready, and a jump
 * (Home, End, a smooth scroll's frames) replaces every rendered row: each row kept beyond the view
 * is work in every such frame. `pnpm bench browser-tags`: 6 → 2 took the heaviest scrolling
 * frame's main-thread CPU from 30–35 to 24 ms (19 rows in the DOM instead of 27).
 */
const OVERSCAN = 2;
/** The scrolling region's height as a share of the window's (its class max-h-[70vh]). */
const REGION_VIEWPORT_SHARE = 0.7;
const rowHeight = () => ROW_HEIGHT;

export interface VirtualRows {
  /** The rows to render: their index among all rows. */
  indexes: number[];
  /** Pixels of rows not rendered, before and after them. */
  spaceBefore: number;
  spaceAfter: number;
}

/**
 * `count` rows in the scrolling region `scroller`; `getItemKey` names a row by its index (keep it
 * stable while the rows are the same: the hook's work restarts when it changes).
 */
export function useVirtualRows(
  count: number,
  getItemKey: (index: number) => string | number,
  scroller: HTMLElement | null,
): VirtualRows {
  // The console does not use the React Compiler, whose memoizing this hook's API would defeat.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller,
    estimateSize: rowHeight,
    overscan: OVERSCAN,
    getItemKey,
    // Until the region is measured: its height, so the first render already fills it.
    initialRect: { width: 0, height: Math.round(window.innerHeight * REGION_VIEWPORT_SHARE) },
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  return {
    indexes: items.map((item) => item.index),
    spaceBefore: first?.start ?? 0,
    spaceAfter: last === undefined ? 0 : virtualizer.getTotalSize() - last.end,
  };
}
