import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeCsvFormulae, formatNumber, formatOrDash, formatPercent, formatQuantity, textTable, toCsv, toTsv } from '.';

describe('the number format', () => {
  it('shows 4 significant digits with thousands separated, whatever the size', () => {
    // The editor review saw "1.594e+6" beside "942,000" in one column: both are now plain.
    expect(formatNumber(1_594_321)).toBe('1,594,000');
    expect(formatNumber(942_000)).toBe('942,000');
    expect(formatNumber(15_030.4)).toBe('15,030');
    expect(formatNumber(0.6327999999999999)).toBe('0.6328');
    expect(formatNumber(12.5)).toBe('12.5');
    expect(formatNumber(1)).toBe('1');
    expect(formatNumber(0.001)).toBe('0.001');
    expect(formatNumber(-2345.678)).toBe('-2,346');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(123_456_789_012)).toBe('123,500,000,000');
  });

  it('writes tiny and huge numbers in scientific notation without "+" or trailing zeros', () => {
    expect(formatNumber(1.5e-5)).toBe('1.5e-5');
    expect(formatNumber(0.000999949)).toBe('9.999e-4');
    expect(formatNumber(0.00099996)).toBe('0.001'); // rounds up into the plain range
    expect(formatNumber(2.30112e15)).toBe('2.301e15');
    expect(formatNumber(-3e-9)).toBe('-3e-9');
  });

  it('takes other digit counts', () => {
    expect(formatNumber(Math.PI, 2)).toBe('3.1');
    expect(formatNumber(123_456, 6)).toBe('123,456');
    expect(formatNumber(1e-7, 3)).toBe('1e-7');
  });

  it('shows what should never reach a table, rather than hiding it', () => {
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe('-∞');
  });

  it('formats percentages and quantities', () => {
    expect(formatPercent(0.973)).toBe('97.3 %');
    expect(formatPercent(1)).toBe('100.0 %');
    expect(formatPercent(0.0527)).toBe('5.3 %');
    expect(formatPercent(0.000123)).toBe('0.0123 %');
    expect(formatPercent(0)).toBe('0 %');
    expect(formatPercent(12.345)).toBe('1,234.5 %');
    expect(formatQuantity(1234.4, 'kg/h')).toBe('1,234 kg/h');
  });

  it('is monotonic and round-trips within its digits (property)', () => {
    const parse = (t: string) => Number(t.replace(/,/g, ''));
    fc.assert(
      fc.property(fc.double({ min: -1e20, max: 1e20, noNaN: true }), (x) => {
        const shown = parse(formatNumber(x));
        if (x === 0) return shown === 0;
        return Math.abs(shown - x) <= Math.abs(x) * 5e-4 * (1 + 1e-12);
      }),
    );
  });
});

describe('delimited text for spreadsheets', () => {
  it('quotes CSV fields as RFC 4180 says and writes numbers without noise', () => {
    expect(toCsv([['stream', 'total [kg/h]'], ['a,b', 0.6327999999999999], ['say "hi"', -5]])).toBe('stream,total [kg/h]\r\n"a,b",0.6328\r\n"say ""hi""",-5\r\n');
  });

  it('escapes text cells a spreadsheet would run as formulas, never numbers', () => {
    const csv = toCsv([['=cmd|" /C calc"!A0', '+1', '-x', '@SUM(A1)', -12.5, 'plain']]);
    expect(csv).toBe(`"'=cmd|"" /C calc""!A0",'+1,'-x,'@SUM(A1),-12.5,plain\r\n`);
    expect(toTsv([['=1+1', 3], ['tab\there', 'line\nbreak']])).toBe("'=1+1\t3\ntab here\tline break\n");
    expect(toCsv([[0.1 + 0.2, 0.6327999999999999]])).toBe('0.3,0.6328\r\n');
  });

  it('escapes the formula cells of CSV written elsewhere, keeping numbers and quoting', () => {
    const core = 'run,stream,value\r\nA,=cmd|x,-1.5\r\n"B,1","@x",2\r\n';
    expect(escapeCsvFormulae(core)).toBe("run,stream,value\r\nA,'=cmd|x,-1.5\r\n\"B,1\",'@x,2\r\n");
  });
});

describe('the text table', () => {
  it('aligns the first column left and the rest right unless told, two spaces apart, under a rule', () => {
    // Widths by hand: "species" 7, "kg/h" 4 → "1,234" 5, "%" 1 → "97.3 %" 6.
    const text = textTable(['species', 'kg/h', '%'], [['Li2CO3', formatNumber(1234), formatPercent(0.973)], ['Co', 5, '–']]);
    expect(text.split('\n')).toEqual(['species   kg/h       %', '-------  -----  ------', 'Li2CO3   1,234  97.3 %', 'Co           5       –']);
    // Widths: "10" 2 (right-aligned), "name" 4 (left-aligned, trailing spaces trimmed).
    expect(textTable(['n', 'name'], [['10', 'x']], ['r', 'l']).split('\n')).toEqual([' n  name', '--  ----', '10  x']);
  });

  it('shows a missing number as a dash', () => {
    expect([formatOrDash(null), formatOrDash(undefined), formatOrDash(Number.NaN), formatOrDash(1234.5), formatOrDash(0)]).toEqual(['–', '–', '–', '1,235', '0']);
  });
});
