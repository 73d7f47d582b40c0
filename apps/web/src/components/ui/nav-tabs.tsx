/**
 * Tabs that are links: each tab is a URL, so any tab can be linked and reloaded. A tab may carry
 * handlers of its link's pointer and focus events (to start loading it on intent).
 */
import type { AnchorHTMLAttributes } from 'react';
import { NavLink } from 'react-router';
import { cn } from '../../lib/cn';

export type TabLinkEvents = Pick<
  AnchorHTMLAttributes<HTMLAnchorElement>,
  'onMouseEnter' | 'onMouseLeave' | 'onFocus' | 'onTouchStart'
>;

export function NavTabs({
  label,
  tabs,
}: {
  label: string;
  tabs: readonly { to: string; label: string; events?: TabLinkEvents }[];
}) {
  return (
    <nav aria-label={label} className="mb-4 flex gap-1 overflow-x-auto border-b border-border">
      {tabs.map((tab) => (
        <NavLink
          key={tab.to}
          to={tab.to}
          end
          {...tab.events}
          className={({ isActive }) =>
            cn(
              '-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm',
              isActive
                ? 'border-primary font-medium text-fg'
                : 'border-transparent text-muted hover:text-fg',
            )
          }
        >
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
