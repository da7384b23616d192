import { cellText, type ReportDocument } from './document';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Decree 30/2020 page: A4, Times New Roman 13–14 pt, margins top/bottom
 * 20 mm, left 30 mm, right 15 mm. Liberation Serif and Tinos are metric
 * twins of Times New Roman for machines without it (Linux CI).
 */
export const REPORT_CSS = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
.report { font-family: 'Times New Roman', 'Liberation Serif', Tinos, 'DejaVu Serif', serif; font-size: 14pt; line-height: 1.3; color: #000; }
.report * { box-sizing: border-box; }
.report table.head, .report table.foot { width: 100%; border-collapse: collapse; }
.report table.head td, .report table.foot td { vertical-align: top; padding: 0; border: none; }
.report .c { text-align: center; }
.report .up { text-transform: none; }
.report .agency { font-size: 12pt; white-space: nowrap; }
.report .issuer { font-size: 12pt; font-weight: bold; }
.report .motto1 { font-size: 12pt; font-weight: bold; white-space: nowrap; }
.report .motto2 { font-size: 13pt; font-weight: bold; }
.report .rule { display: block; margin: 3pt auto 0; border-top: 1px solid #000; height: 0; }
.report .number { font-size: 13pt; margin-top: 6pt; }
.report .dateline { font-size: 14pt; font-style: italic; margin-top: 8pt; }
.report h1 { font-size: 14pt; font-weight: bold; text-align: center; margin: 18pt 0 0; }
.report .subtitle { font-size: 14pt; font-weight: bold; text-align: center; margin: 0; }
.report .addressee { text-align: center; margin: 8pt 0 10pt; }
.report p { margin: 0 0 6pt; text-align: justify; text-indent: 1cm; }
.report h2 { font-size: 14pt; font-weight: bold; margin: 10pt 0 6pt; }
.report h3 { font-size: 14pt; font-weight: bold; margin: 8pt 0 4pt; }
.report table.data { width: 100%; border-collapse: collapse; font-size: 12pt; margin: 4pt 0 8pt; page-break-inside: auto; }
.report table.data th, .report table.data td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
.report table.data th { font-weight: bold; text-align: center; }
.report table.data tr { page-break-inside: avoid; }
.report table.data td.n { text-align: right; white-space: nowrap; }
.report table.data td.stt, .report table.data th.stt { text-align: center; width: 1.1cm; }
.report table.data th.code { width: 1.5cm; }
.report .empty { font-style: italic; text-indent: 1cm; }
.report table.foot { margin-top: 14pt; page-break-inside: avoid; }
.report .recipients-title { font-size: 12pt; font-weight: bold; font-style: italic; }
.report .recipients { font-size: 11pt; }
.report .signer-title { font-size: 14pt; font-weight: bold; }
.report .signer { font-size: 14pt; font-weight: bold; margin-top: 70pt; }
.report .draft-mark { font-size: 11pt; color: #555; text-align: right; font-style: italic; }
`;

function dataTable(headers: string[], rows: string[][], numeric: boolean[], keys: string[] = []): string {
  return `<table class="data"><thead><tr>${headers.map((h, i) => `<th class="${i === 0 ? 'stt' : (keys[i] ?? '')}">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => `<td class="${i === 0 ? 'stt' : numeric[i] ? 'n' : ''}">${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** The report body (no <html>): what the print preview shows inside the app. */
export function reportBodyHtml(doc: ReportDocument): string {
  const figures = dataTable(
    ['STT', 'Chỉ tiêu', 'Số liệu'],
    doc.figures.map((f) => [String(f.no), f.label, f.display]),
    [false, false, true],
  );
  const cols = doc.unitTable.columns;
  const units = cols.length
    ? dataTable(
        ['STT', ...cols.map((c) => c.label)],
        doc.unitTable.rows.map((r, i) => [String(i + 1), ...cols.map((c) => cellText(r[c.key] ?? null, c.type))]),
        [false, ...cols.map((c) => c.type === 'number')],
        ['', ...cols.map((c) => c.key)],
      )
    : '';
  const paras = (ps: string[]) => (ps.length ? ps.map((p) => `<p>${esc(p)}</p>`).join('') : '<p class="empty">(Chưa có nội dung)</p>');
  const [results, ...rest] = doc.sections;
  return `<div class="report">
${doc.status === 'draft' ? '<div class="draft-mark">Dự thảo</div>' : ''}
<table class="head"><tr>
<td class="c" style="width:44%"><div class="agency">${esc(doc.agency)}</div><div class="issuer">${esc(doc.issuer)}</div><span class="rule" style="width:35%"></span><div class="number">${esc(doc.documentNo)}</div></td>
<td class="c" style="width:56%"><div class="motto1">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div class="motto2">Độc lập - Tự do - Hạnh phúc</div><span class="rule" style="width:62%"></span><div class="dateline">${esc(doc.dateLine)}</div></td>
</tr></table>
<h1>BÁO CÁO</h1>
<div class="subtitle">${esc(doc.title)}</div>
<span class="rule" style="width:25%;margin-top:5pt"></span>
${doc.addressee ? `<div class="addressee">Kính gửi: ${esc(doc.addressee)}</div>` : ''}
<p>${esc(doc.periodLine)}</p>
<p>${esc(doc.scopeLine)}</p>
<h2>${esc(results.heading)}</h2>
<h3>1. Số liệu tổng hợp</h3>
${figures}
${units ? `<h3>2. Tiến độ của các đơn vị</h3>${units}` : ''}
<h3>${units ? '3' : '2'}. Đánh giá chung</h3>
${paras(results.paragraphs)}
${rest.map((s) => `<h2>${esc(s.heading)}</h2>${paras(s.paragraphs)}`).join('\n')}
<table class="foot"><tr>
<td style="width:50%"><div class="recipients-title">Nơi nhận:</div><div class="recipients">${doc.recipients.map((r) => `<div>${esc(r)}</div>`).join('')}</div></td>
<td class="c" style="width:50%"><div class="signer-title">${esc(doc.signerTitle)}</div><div class="signer">${esc(doc.signer)}</div></td>
</tr></table>
</div>`;
}

/** A complete, self-contained HTML page of the report — what Chromium and Electron print to PDF. */
export function reportHtml(doc: ReportDocument): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>${REPORT_CSS} html,body{margin:0;padding:0;background:#fff}</style></head><body>${reportBodyHtml(doc)}</body></html>`;
}
