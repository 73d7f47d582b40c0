/** CSV fields as RFC 4180 quotes them, with what a spreadsheet would run as a formula defused. */
import { describe, expect, it } from 'vitest';
import { csvCell, csvText } from './csv';

describe('CSV', () => {
  it('quotes a field holding a comma, a quote or a line break, doubling its quotes', () => {
    expect(csvCell('payments')).toBe('payments');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('one\ntwo')).toBe('"one\ntwo"');
    expect(csvCell('one\r\ntwo')).toBe('"one\r\ntwo"');
    expect(csvCell('')).toBe('');
  });

  it('prefixes a text a spreadsheet would run as a formula with a quote mark', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe('"\'\r=1"');
    expect(csvCell('=HYPERLINK("http://x", "y")')).toBe('"\'=HYPERLINK(""http://x"", ""y"")"');
    // Only at the start: a formula sign inside a text is plain text.
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes numbers as they are', () => {
    expect(csvCell(0)).toBe('0');
    expect(csvCell(1073741824)).toBe('1073741824');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('ends every line with CRLF', () => {
    expect(
      csvText([
        ['a', 'b'],
        ['c,d', 1],
      ]),
    ).toBe('a,b\r\n"c,d",1\r\n');
  });
});
