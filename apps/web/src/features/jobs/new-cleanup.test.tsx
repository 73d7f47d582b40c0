/**
 * The new tag clean-up opened by a link that chose its repository (`?new=1&repository=…`, the Tags
 * tab's "Clean up by rule…"): the form starts with it chosen; a value that is no repository's name
 * chooses nothing; closing the form forgets it, so the form opened again chooses nothing.
 */
import { jobsEndpoint } from '@swr-dashboard/swr-client/browser';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fleetIndexHandler, fleetRepository, freshRegion } from '../../../test/fleet-fixtures';
import { bffHandler, sessionHandlers } from '../../../test/handlers';
import { renderApp } from '../../../test/render';
import { server } from '../../../test/server';
import { paths } from '../../lib/paths';

const REGION = 'cn-north-4';

function handlers() {
  return [
    ...sessionHandlers('operator'),
    bffHandler(jobsEndpoint, () => ({ jobs: [] })),
    fleetIndexHandler({
      ownAccounts: [],
      regions: [freshRegion(REGION)],
      namespaces: [],
      repositories: [
        fleetRepository(REGION, 'payments', 'gateway'),
        fleetRepository(REGION, 'platform', 'base/alpine'),
      ],
    }),
  ];
}

describe('New clean-up from a link', () => {
  it('starts with the repository the link chose', async () => {
    server.use(...handlers());
    const { user } = renderApp(paths.newCleanup(REGION, 'platform', 'base/alpine'));
    const form = await screen.findByRole('region', { name: 'New tag clean-up' });
    expect(within(form).getByText('1 repository chosen')).toBeInTheDocument();
    expect(
      within(form).getByRole('button', { name: 'Remove platform/base/alpine' }),
    ).toBeInTheDocument();
    expect(
      await within(form).findByRole('checkbox', { name: 'platform/base/alpine' }),
    ).toBeChecked();
    expect(within(form).getByRole('checkbox', { name: 'payments/gateway' })).not.toBeChecked();

    // Only the rule is missing now.
    await user.click(within(form).getByRole('button', { name: 'Preview' }));
    expect(within(form).queryByText('Choose at least one repository.')).not.toBeInTheDocument();
    expect(
      within(form).getByText(
        'Give a tag name pattern, an age or tag names: a rule that names nothing would delete every tag.',
      ),
    ).toBeInTheDocument();
  });

  it('chooses nothing for a value that is no repository name', async () => {
    server.use(...handlers());
    const { user } = renderApp(`/${REGION}/jobs?new=1&repository=gateway`);
    const form = await screen.findByRole('region', { name: 'New tag clean-up' });
    expect(within(form).getByText('0 repositories chosen')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Preview' }));
    expect(within(form).getByText('Choose at least one repository.')).toBeInTheDocument();
  });

  it('forgets the repository the link chose when the form closes', async () => {
    server.use(...handlers());
    const { user, location } = renderApp(paths.newCleanup(REGION, 'platform', 'base/alpine'));
    const form = await screen.findByRole('region', { name: 'New tag clean-up' });
    expect(within(form).getByText('1 repository chosen')).toBeInTheDocument();

    await user.click(within(form).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('region', { name: 'New tag clean-up' })).not.toBeInTheDocument();
    const params = new URLSearchParams(location().search);
    expect(params.has('new')).toBe(false);
    expect(params.has('repository')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'New tag clean-up' }));
    const reopened = await screen.findByRole('region', { name: 'New tag clean-up' });
    expect(within(reopened).getByText('0 repositories chosen')).toBeInTheDocument();
    expect(
      within(reopened).queryByRole('button', { name: 'Remove platform/base/alpine' }),
    ).not.toBeInTheDocument();
  });
});
