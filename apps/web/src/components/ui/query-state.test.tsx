/** The one query view: loading, the error with (or without) a retry, empty, and the content. */
import { SwrError } from '@swr-dashboard/swr-client/browser';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { QueryState, type QueryLike, type QueryStateProps } from './query-state';

type Query = QueryLike<string[]>;

const pending: Query = {
  isPending: true,
  isError: false,
  isSuccess: false,
  error: null,
  data: undefined,
  refetch: () => Promise.resolve(),
};
const success = (data: string[]): Query => ({
  ...pending,
  isPending: false,
  isSuccess: true,
  data,
});
const failed = (error: unknown, data?: string[]): Query => ({
  ...pending,
  isPending: false,
  isError: true,
  error,
  data,
});

function renderState(query: Query, props: Partial<QueryStateProps<string[]>> = {}) {
  return render(
    <QueryState
      query={query}
      what="The tags could not be loaded."
      isEmpty={(data) => data.length === 0}
      empty={<p>No tags.</p>}
      {...props}
    >
      {(data) => <ul aria-label="Tags">{data.join(', ')}</ul>}
    </QueryState>,
  );
}

describe('QueryState', () => {
  it('shows loading while the query has nothing, with its label', () => {
    renderState(pending, { loadingLabel: 'Loading tags…' });
    expect(screen.getByRole('status')).toHaveTextContent('Loading tags…');
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('renders the content from the data, or the empty state when there is nothing', () => {
    const { rerender } = renderState(success(['v1', 'v2']));
    expect(screen.getByRole('list', { name: 'Tags' })).toHaveTextContent('v1, v2');
    expect(screen.queryByText('No tags.')).not.toBeInTheDocument();
    rerender(
      <QueryState
        query={success([])}
        what="The tags could not be loaded."
        isEmpty={(data) => data.length === 0}
        empty={<p>No tags.</p>}
      >
        {(data) => <ul aria-label="Tags">{data.join(', ')}</ul>}
      </QueryState>,
    );
    expect(screen.getByText('No tags.')).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('shows the error with a retry that asks again', async () => {
    const user = userEvent.setup();
    const refetch = vi.fn(() => Promise.resolve());
    renderState({ ...failed(new Error('down')), refetch });
    expect(screen.getByRole('alert')).toHaveTextContent('The tags could not be loaded.');
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(refetch).toHaveBeenCalledTimes(1);
  });

  it('offers no retry when asking again cannot help (403, 404)', () => {
    renderState(failed(new SwrError({ kind: 'http', status: 404, message: 'gone' })));
    expect(screen.getByRole('alert')).toHaveTextContent('The tags could not be loaded.');
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
  });

  it('replaces the content by the error, unless told to keep the data read before', () => {
    const { unmount } = renderState(failed(new Error('down'), ['v1']));
    expect(screen.getByRole('alert')).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
    unmount();
    renderState(failed(new Error('down'), ['v1']), { keepData: true });
    expect(screen.getByRole('alert')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Tags' })).toHaveTextContent('v1');
  });

  it('never claims emptiness under an error', () => {
    renderState(failed(new Error('down'), []), { keepData: true });
    expect(screen.getByRole('alert')).toBeInTheDocument();
    expect(screen.queryByText('No tags.')).not.toBeInTheDocument();
  });

  it('puts the error in its surroundings', () => {
    renderState(failed(new Error('down')), {
      renderError: (state) => (
        <section aria-label="Failure">
          <h2>Payments</h2>
          {state}
        </section>
      ),
    });
    expect(screen.getByRole('region', { name: 'Failure' })).toHaveTextContent('Payments');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
