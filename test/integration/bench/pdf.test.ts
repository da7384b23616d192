import { describe, expect, it } from 'vitest';
import { scanPdf } from '../../../bench/generate/pdf';

/** The generator's attachments are real PDF files: a reader finds every object where the cross-reference table says. */
describe('generated scanned-document PDFs', () => {
  const input = { title: 'Quy trình giải quyết hưởng chế độ ốm đau - phiên bản 3', subtitle: 'Quyết định số 1234/QĐ-BHXH', bytes: 2_600_000, seed: 42, date: '2016-03-05' };

  it('has a valid structure: header, objects at the offsets of the xref table, trailer and startxref', () => {
    const pdf = scanPdf(input);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.endsWith('%%EOF\n')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
    const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref))!.map(Number);
    expect(first).toBe(0);
    const entries = text.slice(startxref).split('\n').slice(2, 2 + count);
    expect(entries[0]).toBe('0000000000 65535 f ');
    entries.slice(1).forEach((entry, i) => {
      expect(entry).toMatch(/^\d{10} 00000 n $/);
      const offset = Number(entry.slice(0, 10));
      expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
    });
    expect(text).toMatch(new RegExp(`trailer\\n<< /Size ${count} /Root 1 0 R /Info 4 0 R >>`));
    // Three pages of greyscale scan whose stream lengths match their data.
    expect(/\/Count (\d+)/.exec(text)![1]).toBe('3');
    for (const m of text.matchAll(/\/Length (\d+) >>\nstream\n/g)) {
      const startOfData = m.index! + m[0].length;
      expect(text.slice(startOfData + Number(m[1]), startOfData + Number(m[1]) + 10)).toBe('\nendstream');
    }
    // The title keeps its diacritics (UTF-16 with a byte-order mark); the page text is readable without them.
    const utf16 = Buffer.from(`\ufeff${input.title}`, 'utf16le').swap16().toString('hex');
    expect(text).toContain(`/Title <${utf16}>`);
    expect(text).toContain('(Quy trinh giai quyet huong che do om dau - phien ban 3) Tj');
  });

  it('is about the size asked for, the same for the same seed and different for another', () => {
    const a = scanPdf(input);
    expect(a.length).toBeGreaterThan(input.bytes - 1000);
    expect(a.length).toBeLessThan(input.bytes + 4000);
    expect(scanPdf(input).equals(a)).toBe(true);
    const b = scanPdf({ ...input, seed: 43 });
    expect(b.length).toBe(a.length);
    expect(b.equals(a)).toBe(false);
  });
});
