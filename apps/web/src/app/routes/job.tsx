import { JobPage } from '../../features/jobs/components/job-page';

/** One server-side job: its progress, its items, cancel, the CSV of what it deleted. */
export function Component() {
  return <JobPage />;
}
