/**
 * The regions a view built on the fleet index shows: the page's own (the region in its path), or
 * every region the user has (`regions=all` in its query string, the view's `allRegions`). Choosing
 * the page's region or all of them changes the query string; choosing another region goes to
 * that region's page, with the same view.
 */
import { useNavigate, useParams } from 'react-router';

export interface RegionScope {
  /** The page's region. */
  region: string;
  /** The region whose index is read, or undefined for every region. */
  scope: string | undefined;
  /** Follows a choice of the region select: `all`, or a region's id. */
  choose: (choice: string) => void;
}

/** The page's regions, given its view, the view's writer, and how to reach another region's page. */
export function useRegionScope<V extends { allRegions: boolean }>(
  view: V,
  update: (changes: { allRegions: boolean }) => void,
  target: { path: (region: string) => string; search: (view: V) => string },
): RegionScope {
  const { region = '' } = useParams();
  const navigate = useNavigate();
  const choose = (choice: string) => {
    if (choice === 'all') update({ allRegions: true });
    else if (choice === region) update({ allRegions: false });
    else {
      void navigate({
        pathname: target.path(choice),
        search: target.search({ ...view, allRegions: false }),
      });
    }
  };
  return { region, scope: view.allRegions ? undefined : region, choose };
}
