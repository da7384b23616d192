import { createCipheriv, createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { attachBytes } from '../../electron/services/procedures/attachments';
import { createProcedure } from '../../electron/services/procedures/catalogue';
import { createDraft } from '../../electron/services/procedures/versions';
import { readSetting } from '../../electron/services/settings';
import { openWorkspace } from '../../electron/services/workspace';

/**
 * Adds synthetic PDF attachments, `--mb` megabytes in all, to a data folder
 * through the procedures area's own services: procedures owned by the
 * folder's office, one draft version each, files of 0.5–8 MB attached to the
 * versions. For measuring bundle export/import memory before the procedures
 * generator writes real attachments. Use it on a scratch copy:
 *
 *   cp -r /tmp/province /tmp/province-files
 *   npx tsx bench/ops/synthetic-attachments.ts --data /tmp/province-files --mb 500 [--unit 01]
 */
const { values } = parseArgs({ options: { data: { type: 'string' }, mb: { type: 'string', default: '500' }, unit: { type: 'string' } } });
if (!values.data) {
  process.stderr.write('Usage: tsx bench/ops/synthetic-attachments.ts --data DIR [--mb 500]\n');
  process.exit(2);
}

/** Incompressible, repeatable bytes with a PDF header: an AES-CTR keystream seeded by the file number. */
function pdfBytes(seed: number, size: number): Buffer {
  const key = createHash('sha256').update(`isodesk-bench-file-${seed}`).digest();
  const stream = createCipheriv('aes-256-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(size));
  Buffer.from(`%PDF-1.4\n% ISO Desk synthetic attachment ${seed}\n`).copy(stream);
  return stream;
}

const ws = openWorkspace(values.data);
try {
  // The files belong to the office's procedures, or to those of the unit given by code (--unit 01).
  const ownerId = values.unit
    ? (ws.sqlite.prepare('SELECT id FROM units WHERE code = ?').get(values.unit) as { id: string } | undefined)?.id
    : readSetting(ws, 'officeUnitId');
  if (!ownerId) throw new Error(values.unit ? `no unit ${values.unit}` : 'the folder is not set up');
  const code = (ws.sqlite.prepare('SELECT code FROM units WHERE id = ?').get(ownerId) as { code: string }).code;
  const target = Number(values.mb) * 1024 * 1024;
  let total = 0;
  let files = 0;
  for (let p = 1; total < target; p++) {
    const version = ws.sqlite.transaction(() => {
      const procedure = createProcedure(ws, { code: `BENCH-${code}-${p}`, title: `Quy trình thử nghiệm ${p}`, domain: 'noi_bo', origin: 'province' }, { ownerId });
      return createDraft(ws, { procedureId: procedure.id, summary: 'Ban hành lần đầu' });
    })();
    for (let f = 0; f < 4 && total < target; f++) {
      const size = Math.min(target - total, 512 * 1024 + ((p * 7919 + f * 104729) % (15 * 512 * 1024)));
      await attachBytes(ws, { subjectType: 'procedure_version', subjectId: version.id, name: `quy-trinh-${p}-phu-luc-${f + 1}.pdf` }, pdfBytes(p * 10 + f, size));
      total += size;
      files++;
    }
  }
  process.stdout.write(`${files} files, ${(total / 1024 / 1024).toFixed(0)} MB attached in ${values.data}\n`);
} finally {
  ws.close();
}
