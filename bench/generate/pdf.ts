/**
 * Small but real PDF files for the generated attachments: a scanned
 * document, i.e. A4 pages each showing a greyscale "scan" image and a
 * heading line. The image bytes are pseudo-random from a seed (incompressible,
 * as scans mostly are), so a folder of files has the size asked for and the
 * same seed gives the same bytes. The structure is valid PDF 1.4: objects, a
 * cross-reference table with exact offsets and a trailer, so readers and
 * `pdfinfo` open them.
 */

export interface ScanPdfInput {
  /** Heading lines printed on the first page and the document title (Vietnamese is fine: folded for the page, kept in the title). */
  title: string;
  subtitle?: string;
  /** Total bytes of image data (the file is a little larger). */
  bytes: number;
  seed: number;
  /** Creation date (ISO day). */
  date: string;
}

const PAGE_IMAGE_BYTES = 1_200_000;
const IMAGE_WIDTH = 1000;

/** Fills a buffer with a fast seeded sequence (mulberry32, four bytes a step). */
function noise(target: Buffer, seed: number): void {
  let state = seed >>> 0 || 0x9e3779b9;
  const words = new Uint32Array(target.buffer, target.byteOffset, target.length >>> 2);
  for (let i = 0; i < words.length; i++) {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    words[i] = (t ^ (t >>> 14)) >>> 0;
  }
  for (let i = words.length * 4; i < target.length; i++) target[i] = (seed + i) & 0xff;
}

/** A PDF text string: the text without diacritics (the standard font has none), in parentheses with the delimiters escaped. */
const ascii = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
const pdfAscii = (text: string) => `(${ascii(text).replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1')})`;

/** A PDF text string in UTF-16BE with a BOM, so the title keeps its diacritics. */
function pdfUnicode(text: string): string {
  const nfcText = text.normalize('NFC');
  const units = [0xfeff, ...Array.from({ length: nfcText.length }, (_, i) => nfcText.charCodeAt(i))];
  return `<${units.map((u) => u.toString(16).padStart(4, '0')).join('')}>`;
}

/** The bytes of a scanned-document PDF of about `bytes` image bytes over one or more pages. */
export function scanPdf(input: ScanPdfInput): Buffer {
  const total = Math.max(IMAGE_WIDTH, Math.floor(input.bytes / IMAGE_WIDTH) * IMAGE_WIDTH);
  const pages: number[] = [];
  for (let left = total; left > 0; left -= PAGE_IMAGE_BYTES) pages.push(Math.min(left, PAGE_IMAGE_BYTES));
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    length += buf.length;
  };
  const object = (n: number, body: string, stream?: Buffer) => {
    offsets[n] = length;
    if (!stream) return push(`${n} 0 obj\n${body}\nendobj\n`);
    push(`${n} 0 obj\n${body}\nstream\n`);
    push(stream);
    push('\nendstream\nendobj\n');
  };
  // Objects: 1 catalog, 2 pages, 3 font, 4 info, then per page: page, content, image.
  const pageObj = (i: number) => 5 + i * 3;
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, `<< /Type /Pages /Kids [${pages.map((_, i) => `${pageObj(i)} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  object(3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const d = input.date.replace(/-/g, '');
  object(4, `<< /Title ${pdfUnicode(input.title)} /Producer (ISO Desk bench generator) /CreationDate (D:${d}090000+07'00') >>`);
  let seed = input.seed >>> 0;
  pages.forEach((size, i) => {
    const height = size / IMAGE_WIDTH;
    const lines = i === 0 ? [input.title, input.subtitle ?? ''] : [`${input.title} - trang ${i + 1}/${pages.length}`];
    const text = lines
      .filter(Boolean)
      .map((l, k) => `BT /F1 ${k === 0 ? 12 : 10} Tf 40 ${806 - k * 16} Td ${pdfAscii(l)} Tj ET`)
      .join('\n');
    const content = Buffer.from(`q 515 0 0 ${Math.min(720, Math.round((515 * height) / IMAGE_WIDTH))} 40 60 cm /Im1 Do Q\n${text}\n`, 'latin1');
    const image = Buffer.allocUnsafe(size);
    noise(image, (seed = (Math.imul(seed, 2654435761) + i + 1) >>> 0));
    const p = pageObj(i);
    object(
      p,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 ${p + 2} 0 R >> >> /Contents ${p + 1} 0 R >>`,
    );
    object(p + 1, `<< /Length ${content.length} >>`, content);
    object(p + 2, `<< /Type /XObject /Subtype /Image /Width ${IMAGE_WIDTH} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${size} >>`, image);
  });
  const count = offsets.length;
  const xref = length;
  push(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let n = 1; n < count; n++) push(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${count} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts, length);
}
