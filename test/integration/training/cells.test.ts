import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellChoice, cellDate, cellText, columnLetter, headerKey } from '../../../electron/services/training/excel/cells';
import { choices } from '../../../electron/services/training/excel/columns';

describe('Excel cells as districts type them', () => {
  it('reads dates typed as text, Excel dates and serial numbers alike', () => {
    expect(cellDate('15/10/2012')).toEqual({ ok: true, iso: '2012-10-15' });
    expect(cellDate(' 5/3/1990 ')).toEqual({ ok: true, iso: '1990-03-05' });
    expect(cellDate('15-10-2012')).toEqual({ ok: true, iso: '2012-10-15' });
    expect(cellDate('15.10.2012')).toEqual({ ok: true, iso: '2012-10-15' });
    expect(cellDate('2012-10-15')).toEqual({ ok: true, iso: '2012-10-15' });
    expect(cellDate(new Date(Date.UTC(2012, 9, 15)))).toEqual({ ok: true, iso: '2012-10-15' });
    // Excel dates read back a few milliseconds before midnight still mean that day.
    expect(cellDate(new Date(Date.UTC(2012, 9, 14, 23, 59, 59, 999)))).toEqual({ ok: true, iso: '2012-10-15' });
    expect(cellDate(41197)).toEqual({ ok: true, iso: '2012-10-15' });
    expect(cellDate({ formula: 'DATE(2012,10,15)', result: new Date(Date.UTC(2012, 9, 15)) })).toEqual({ ok: true, iso: '2012-10-15' });
    expect(cellDate(null)).toEqual({ ok: true, iso: null });
    expect(cellDate('31/02/2012')).toEqual({ ok: false, text: '31/02/2012' });
    expect(cellDate('tháng 10')).toEqual({ ok: false, text: 'tháng 10' });
  });

  it('every real calendar day survives dd/mm/yyyy text and the Excel serial', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, day] = iso.split('-');
        expect(cellDate(`${day}/${m}/${y}`)).toEqual({ ok: true, iso });
        const serial = Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
        expect(cellDate(serial)).toEqual({ ok: true, iso });
      }),
    );
  });

  it('normalises names and headers: NFD, stray spaces, rich text, diacritics in headers', () => {
    expect(cellText('  Nguyễn   Thị  Lan '.normalize('NFD'))).toBe('Nguyễn Thị Lan');
    expect(cellText({ richText: [{ text: 'Trần ' }, { text: 'Văn Hùng' }] })).toBe('Trần Văn Hùng');
    expect(cellText(12345)).toBe('12345');
    expect(headerKey('Họ và tên (*)')).toBe('ho va ten');
    expect(headerKey('NGÀY SINH (dd/mm/yyyy)')).toBe('ngay sinh');
    expect(headerKey('Phòng/ban')).toBe('phong ban');
    expect(cellChoice('đạt', choices.result)).toBe('passed');
    expect(cellChoice('KHÔNG ĐẠT', choices.result)).toBe('failed');
    expect(cellChoice('Vang mat', choices.result)).toBe('absent');
    expect(cellChoice('Giỏi', choices.result)).toBeNull();
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
