/**
 * Tabs that are links whose current tab the caller decides (for example from the query string,
 * which NavLink does not compare): each tab is a URL, so any tab can be linked and reloaded.
 * Looks like NavTabs.
 */
import { Link } from 'react-router';
import { cn } from '../../lib/cn';

export interface LinkTab {
  to: string;
  label: string;
  current: boolean;
}

export function LinkTabs({ label, tabs }: { label: string; tabs: readonly LinkTab[] }) {
  return (
    <nav aria-label={label} className="mb-4 flex gap-1 overflow-x-auto border-b border-border">
      {tabs.map((tab) => (
        <Link
          key={tab.to}
          to={tab.to}
          aria-current={tab.current ? 'page' : undefined}
          className={cn(
            '-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm',
            tab.current
              ? 'border-primary font-medium text-fg'
              : 'border-transparent text-muted hover:text-fg',
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
