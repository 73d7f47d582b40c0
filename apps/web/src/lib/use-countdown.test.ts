/** The wait a limit asked for, counted down once a second (on a fake clock). */
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useCountdown } from './use-countdown';

describe('useCountdown', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts down to 0 and stops there', () => {
    const { result } = renderHook(() => useCountdown(3));
    expect(result.current).toBe(3);
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(result.current).toBe(2);
    act(() => {
      vi.advanceTimersByTime(5000);
    });
    expect(result.current).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is 0 without a wait, and sets no timer', () => {
    const { result } = renderHook(() => useCountdown(undefined));
    expect(result.current).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
