import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { cellText, type ReportDocument } from './document';

const FONT = 'Times New Roman';
const pt = (n: number) => n * 2; // docx sizes are half-points
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const GRID = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

interface RunOpts {
  size?: number;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
}

const run = (text: string, o: RunOpts = {}) =>
  new TextRun({ text, font: FONT, size: pt(o.size ?? 14), bold: o.bold, italics: o.italics, underline: o.underline ? {} : undefined });

const line = (text: string, o: RunOpts & { align?: 'center' | 'left' | 'justify' | 'right'; indent?: boolean; after?: number; before?: number } = {}) =>
  new Paragraph({
    children: [run(text, o)],
    alignment: o.align === 'center' ? AlignmentType.CENTER : o.align === 'justify' ? AlignmentType.JUSTIFIED : o.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: o.indent ? { firstLine: convertMillimetersToTwip(10) } : undefined,
    spacing: { after: (o.after ?? 0) * 20, before: (o.before ?? 0) * 20 },
  });

const cell = (children: Paragraph[], width: number) => new TableCell({ children, width: { size: width, type: WidthType.PERCENTAGE } });

function grid(headers: string[], rows: string[][], numeric: boolean[], widths?: number[]): Table {
  const rest = Math.floor(92 / (headers.length - 1));
  const ws = widths ?? headers.map((_, i) => (i === 0 ? 8 : rest));
  const p = (t: string, bold: boolean, align: 'center' | 'left' | 'right') => line(t, { size: 12, bold, align });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: GRID,
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell([p(h, true, 'center')], ws[i])) }),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell([p(c, false, i === 0 ? 'center' : numeric[i] ? 'right' : 'left')], ws[i])) })),
    ],
  });
}

/**
 * The report as an editable Word document in the Decree 30/2020 layout: the
 * same blocks, words and figures as the printed HTML.
 */
export async function reportDocx(doc: ReportDocument): Promise<Uint8Array> {
  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              line(doc.agency, { size: 12, align: 'center' }),
              line(doc.issuer, { size: 12, bold: true, align: 'center' }),
              line('――――――', { size: 8, align: 'center' }),
              line(doc.documentNo, { size: 13, align: 'center', before: 4 }),
            ],
            44,
          ),
          cell(
            [
              line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true, align: 'center' }),
              line('Độc lập - Tự do - Hạnh phúc', { size: 13, bold: true, align: 'center' }),
              line('――――――――――――', { size: 8, align: 'center' }),
              line(doc.dateLine, { size: 14, italics: true, align: 'center', before: 6 }),
            ],
            56,
          ),
        ],
      }),
    ],
  });
  const cols = doc.unitTable.columns;
  const body: (Paragraph | Table)[] = [
    header,
    line('BÁO CÁO', { bold: true, align: 'center', before: 18 }),
    line(doc.title, { bold: true, align: 'center' }),
    line('――――――', { size: 8, align: 'center', after: 6 }),
  ];
  if (doc.addressee) body.push(line(`Kính gửi: ${doc.addressee}`, { align: 'center', after: 8 }));
  body.push(line(doc.periodLine, { align: 'justify', indent: true, after: 6 }), line(doc.scopeLine, { align: 'justify', indent: true, after: 6 }));
  const paras = (ps: string[]) => (ps.length ? ps.map((p) => line(p, { align: 'justify', indent: true, after: 6 })) : [line('(Chưa có nội dung)', { italics: true, indent: true })]);
  const [results, ...rest] = doc.sections;
  body.push(line(results.heading, { bold: true, before: 8, after: 6 }));
  body.push(line('1. Số liệu tổng hợp', { bold: true, after: 4 }));
  body.push(grid(['STT', 'Chỉ tiêu', 'Số liệu'], doc.figures.map((f) => [String(f.no), f.label, f.display]), [false, false, true], [8, 70, 22]));
  if (cols.length) {
    body.push(line('2. Tiến độ của các đơn vị', { bold: true, before: 8, after: 4 }));
    body.push(
      grid(
        ['STT', ...cols.map((c) => c.label)],
        doc.unitTable.rows.map((r, i) => [String(i + 1), ...cols.map((c) => cellText(r[c.key] ?? null, c.type))]),
        [false, ...cols.map((c) => c.type === 'number')],
      ),
    );
  }
  body.push(line(`${cols.length ? '3' : '2'}. Đánh giá chung`, { bold: true, before: 8, after: 4 }), ...paras(results.paragraphs));
  for (const s of rest) body.push(line(s.heading, { bold: true, before: 8, after: 6 }), ...paras(s.paragraphs));
  body.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: NO_BORDERS,
      rows: [
        new TableRow({
          children: [
            cell([line('Nơi nhận:', { size: 12, bold: true, italics: true, before: 14 }), ...doc.recipients.map((r) => line(r, { size: 11 }))], 50),
            cell([line(doc.signerTitle, { bold: true, align: 'center', before: 14 }), line(doc.signer, { bold: true, align: 'center', before: 70 })], 50),
          ],
        }),
      ],
    }),
  );
  const document = new Document({
    creator: 'ISO Desk',
    title: doc.title,
    styles: { default: { document: { run: { font: FONT, size: pt(14) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 }, // A4 in twips
            margin: { top: convertMillimetersToTwip(20), bottom: convertMillimetersToTwip(20), left: convertMillimetersToTwip(30), right: convertMillimetersToTwip(15) },
          },
        },
        children: body,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
