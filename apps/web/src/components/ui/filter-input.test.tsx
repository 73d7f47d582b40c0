/** The filter field: sent once typing pauses, at once on leaving it or on Enter, never when invalid. */
import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FilterInput, type FilterInputProps } from './filter-input';

const problem = (text: string) => (text.includes('|') ? 'No “|”, please.' : undefined);

function renderFilter(props: Partial<FilterInputProps> = {}) {
  const onCommit = vi.fn();
  const view = render(
    <>
      <FilterInput label="Name" value="" onCommit={onCommit} problem={problem} {...props} />
      <button type="button">Elsewhere</button>
    </>,
  );
  return { ...view, onCommit, field: screen.getByRole('searchbox', { name: 'Name' }) };
}

describe('FilterInput', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends what was typed, trimmed, as soon as the field is left', async () => {
    const user = userEvent.setup();
    const { field, onCommit } = renderFilter();
    await user.type(field, ' sdk ');
    expect(onCommit).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Elsewhere' }));
    expect(onCommit).toHaveBeenCalledTimes(1);
    expect(onCommit).toHaveBeenCalledWith('sdk');
    // Nothing is left waiting: leaving again sends nothing more.
    await user.click(field);
    await user.tab();
    expect(onCommit).toHaveBeenCalledTimes(1);
  });

  it('sends at once on Enter', async () => {
    const user = userEvent.setup();
    const { field, onCommit } = renderFilter();
    await user.type(field, 'app{Enter}');
    expect(onCommit).toHaveBeenCalledWith('app');
  });

  it('explains text it cannot send, and does not send it', async () => {
    const user = userEvent.setup();
    const { field, onCommit } = renderFilter();
    await user.type(field, 'a|b');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription('No “|”, please.');
    await user.tab();
    expect(onCommit).not.toHaveBeenCalled();
  });

  it('does not send the filter already in effect', async () => {
    const user = userEvent.setup();
    const { field, onCommit } = renderFilter({ value: 'app' });
    expect(field).toHaveValue('app');
    await user.type(field, 'x{Backspace} {Enter}');
    await user.tab();
    expect(onCommit).not.toHaveBeenCalled();
  });

  it('sends once typing pauses, and only the last text', () => {
    vi.useFakeTimers();
    const { field, onCommit } = renderFilter({ delayMs: 250 });
    fireEvent.change(field, { target: { value: 'a' } });
    act(() => {
      vi.advanceTimersByTime(200);
    });
    fireEvent.change(field, { target: { value: 'ab' } });
    act(() => {
      vi.advanceTimersByTime(200);
    });
    expect(onCommit).not.toHaveBeenCalled();
    act(() => {
      vi.advanceTimersByTime(50);
    });
    expect(onCommit).toHaveBeenCalledTimes(1);
    expect(onCommit).toHaveBeenCalledWith('ab');
  });

  it('shows the text its caller keeps, and reports each change', async () => {
    const user = userEvent.setup();
    const onCommit = vi.fn();
    function Kept() {
      const [text, setText] = useState('');
      return (
        <>
          <FilterInput
            label="Tags"
            labelHidden
            value=""
            text={text}
            onTextChange={setText}
            onCommit={onCommit}
          />
          <button
            type="button"
            onClick={() => {
              setText('');
            }}
          >
            Clear
          </button>
          <output>{text}</output>
        </>
      );
    }
    render(<Kept />);
    const field = screen.getByRole('searchbox', { name: 'Tags' });
    await user.type(field, 'v1');
    expect(screen.getByRole('status')).toHaveTextContent('v1');
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(onCommit).toHaveBeenCalledWith('v1');
    expect(field).toHaveValue('');
  });
});
