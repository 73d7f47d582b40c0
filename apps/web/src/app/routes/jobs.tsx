import { JobsPage } from '../../features/jobs/components/jobs-page';

/** The user's server-side jobs, and a new tag clean-up. */
export function Component() {
  return <JobsPage />;
}
