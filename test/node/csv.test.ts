import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/core/export/csv';

describe('CSV export', () => {
  it('quotes, escapes and neutralises formulas', () => {
    const text = toCsv(
      ['编号', '地点', '值'],
      [
        ['A1', '北京站,东广场', 3],
        ['A2', '说 "你好"\n第二行', null],
        ['A3', '=HYPERLINK("x")', -4.5],
        ['A4', ['minor', 'elderly'], '-'],
      ],
    );
    expect(text).toBe(
      '\uFEFF编号,地点,值\r\nA1,"北京站,东广场",3\r\nA2,"说 ""你好""\n第二行",\r\nA3,"\'=HYPERLINK(""x"")",-4.5\r\nA4,minor、elderly,\'-\r\n',
    );
  });

  // OWASP "CSV injection": a cell starting with = + - @ tab or CR is run by Excel; a negative number is left alone.
  it.each([
    ['\tcmd', "'\tcmd"],
    ['\rcmd', '"\'\rcmd"'],
    ['+1', "'+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-cmd', "'-cmd"],
    ['-116.4', '-116.4'],
    ['-2+3+cmd|calc', "'-2+3+cmd|calc"],
    ['-.5', "'-.5"],
    ['1-2', '1-2'],
  ])('writes %j as %j', (cell, expected) => {
    expect(toCsv(['v'], [[cell]])).toBe(`\uFEFFv\r\n${expected}\r\n`);
  });
});
