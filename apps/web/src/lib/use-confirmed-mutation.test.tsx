/** The confirmation around a mutation: open, confirm, cancel, and the error kept until closed. */
import { QueryClient, QueryClientProvider, useMutation } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useConfirmedMutation } from './use-confirmed-mutation';

function setup(send: (name: string) => Promise<string>, onSuccess = vi.fn()) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  const view = renderHook(
    () => {
      const mutation = useMutation({ mutationFn: send });
      return useConfirmedMutation(mutation, (target: { name: string }) => target.name, {
        onSuccess,
      });
    },
    { wrapper },
  );
  return { ...view, onSuccess };
}

describe('useConfirmedMutation', () => {
  it('opens on ask, sends the target’s variables on confirm, and closes on success', async () => {
    const send = vi.fn((name: string) => Promise.resolve(`deleted ${name}`));
    const { result, onSuccess } = setup(send);
    expect(result.current.dialog.open).toBe(false);
    act(() => {
      result.current.ask({ name: 'app' });
    });
    expect(result.current.dialog.open).toBe(true);
    expect(result.current.target).toEqual({ name: 'app' });
    act(() => {
      result.current.dialog.onConfirm();
    });
    await waitFor(() => {
      expect(result.current.dialog.open).toBe(false);
    });
    expect(send).toHaveBeenCalledWith('app', expect.anything());
    expect(onSuccess).toHaveBeenCalledWith('deleted app', { name: 'app' });
    expect(result.current.target).toBeUndefined();
  });

  it('is busy while sending', async () => {
    let finish: (value: string) => void = () => undefined;
    const { result } = setup(
      () =>
        new Promise<string>((resolve) => {
          finish = resolve;
        }),
    );
    act(() => {
      result.current.ask({ name: 'app' });
    });
    act(() => {
      result.current.dialog.onConfirm();
    });
    await waitFor(() => {
      expect(result.current.dialog.busy).toBe(true);
    });
    act(() => {
      finish('done');
    });
    await waitFor(() => {
      expect(result.current.dialog.busy).toBe(false);
    });
    expect(result.current.dialog.open).toBe(false);
  });

  it('keeps a failure open with its error, and forgets it when closed', async () => {
    const failure = new Error('refused');
    const { result, onSuccess } = setup(() => Promise.reject(failure));
    act(() => {
      result.current.ask({ name: 'app' });
    });
    act(() => {
      result.current.dialog.onConfirm();
    });
    await waitFor(() => {
      expect(result.current.dialog.error).toBe(failure);
    });
    expect(result.current.dialog.open).toBe(true);
    expect(onSuccess).not.toHaveBeenCalled();
    act(() => {
      result.current.dialog.onClose();
    });
    expect(result.current.dialog.open).toBe(false);
    await waitFor(() => {
      expect(result.current.dialog.error).toBeUndefined();
    });
  });

  it('sends nothing when cancelled, and asking again starts without the last error', async () => {
    const send = vi.fn(() => Promise.reject(new Error('refused')));
    const { result } = setup(send);
    act(() => {
      result.current.ask({ name: 'a' });
    });
    act(() => {
      result.current.dialog.onClose();
    });
    expect(send).not.toHaveBeenCalled();
    act(() => {
      result.current.ask({ name: 'b' });
    });
    act(() => {
      result.current.dialog.onConfirm();
    });
    await waitFor(() => {
      expect(result.current.dialog.error).toBeInstanceOf(Error);
    });
    act(() => {
      result.current.ask({ name: 'c' });
    });
    await waitFor(() => {
      expect(result.current.dialog.error).toBeUndefined();
    });
    expect(result.current.target).toEqual({ name: 'c' });
  });
});
