/** A job's rate and time left come from readings a few seconds apart with progress, or not at all. */
import { describe, expect, it } from 'vitest';
import { paceOf, SAMPLES_KEPT, withSample, type Sample } from './progress';

describe('the pace of a job', () => {
  it('is unknown until readings span a few seconds with progress', () => {
    expect(paceOf([], 10)).toBeUndefined();
    expect(paceOf([{ at: 0, carriedOut: 0 }], 10)).toBeUndefined();
    expect(
      paceOf(
        [
          { at: 0, carriedOut: 0 },
          { at: 2000, carriedOut: 10 },
        ],
        10,
      ),
    ).toBeUndefined();
    expect(
      paceOf(
        [
          { at: 0, carriedOut: 5 },
          { at: 6000, carriedOut: 5 },
        ],
        10,
      ),
    ).toBeUndefined();
  });

  it('is the items carried out per second over the readings, and the time left at that rate', () => {
    const samples: Sample[] = [
      { at: 0, carriedOut: 0 },
      { at: 2000, carriedOut: 10 },
      { at: 4000, carriedOut: 20 },
    ];
    expect(paceOf(samples, 12)).toEqual({ perSecond: 5, secondsLeft: 3 });
  });

  it('keeps the latest readings, each once, and starts over when the count goes back', () => {
    let samples: Sample[] = [];
    for (let index = 0; index < SAMPLES_KEPT + 4; index += 1) {
      samples = withSample(samples, { at: index * 2000, carriedOut: index });
    }
    expect(samples).toHaveLength(SAMPLES_KEPT);
    expect(samples[0]).toEqual({ at: 8000, carriedOut: 4 });
    expect(withSample(samples, { at: samples.at(-1)?.at ?? 0, carriedOut: 99 })).toEqual(samples);
    expect(withSample(samples, { at: 99_000, carriedOut: 1 })).toEqual([
      { at: 99_000, carriedOut: 1 },
    ]);
  });
});
