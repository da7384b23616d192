import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween, formatVnDate, isValidIsoDate, parseVnDate } from '../../../electron/common/dates';
import { renderMessage } from '../../../electron/common/errors';
import { fold, matchesQuery, nfc, normaliseStrings } from '../../../electron/common/text';

describe('Vietnamese text', () => {
  it('folds diacritics and đ/Đ so "dang ky" finds "Đăng ký"', () => {
    expect(fold('Đăng ký BHXH tự nguyện')).toBe('dang ky bhxh tu nguyen');
    expect(matchesQuery('Thủ tục đăng ký', 'dang ky')).toBe(true);
    expect(matchesQuery('Thủ tục đăng ký', 'DANG   KÝ thu')).toBe(true);
    expect(matchesQuery('Thủ tục đăng ký', 'dong')).toBe(false);
    expect(matchesQuery('Cấp sổ'.normalize('NFD'), 'cap so')).toBe(true);
  });
  it('normalises NFD input to NFC and collapses stray spaces', () => {
    const nfd = '  Nguyễn   Thị Hồng '.normalize('NFD');
    expect(nfc(nfd)).toBe('Nguyễn Thị Hồng'.normalize('NFC'));
    expect(normaliseStrings({ a: [nfd], b: 3 })).toEqual({ a: [nfd.normalize('NFC')], b: 3 });
  });
});

describe('dates', () => {
  it('reads dd/mm/yyyy and refuses impossible dates', () => {
    expect(parseVnDate('15/10/2012')).toBe('2012-10-15');
    expect(parseVnDate('5/3/2020')).toBe('2020-03-05');
    expect(parseVnDate('30/02/2013')).toBeNull();
    expect(parseVnDate('2013-02-01')).toBeNull();
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2023-02-29')).toBe(false);
    expect(formatVnDate('2012-10-30')).toBe('30/10/2012');
  });
  it('adds months clamping to the month end, counts days', () => {
    expect(addMonths('2013-11-30', 3)).toBe('2014-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(daysBetween('2013-01-01', '2013-03-01')).toBe(59);
  });
});

describe('error messages', () => {
  it('name the field in the reader language', () => {
    expect(renderMessage('REQUIRED', { field: 'decisionNo' })).toEqual({ vi: 'Cần nhập Số quyết định.', en: 'Decision number is required.' });
  });
});
