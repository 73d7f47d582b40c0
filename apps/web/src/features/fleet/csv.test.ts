/** The fleet CSV's file name (its fields are written by lib/csv.ts, tested there). */
import { describe, expect, it } from 'vitest';
import { csvFilename } from './csv';

describe('fleet CSV', () => {
  it('names the file after the regions and the time, in UTC', () => {
    expect(csvFilename('all', new Date('2026-03-10T12:00:00.123Z'))).toBe(
      'swr-fleet-all-20260310T120000Z.csv',
    );
  });
});
