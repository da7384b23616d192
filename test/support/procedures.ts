import type { createRouter } from '../../electron/api/router';
import { call } from './call';

/**
 * A procedure of the office with a draft version and `files` attached to it,
 * written through the API as the procedures screens write them (a district's
 * QT-THU-09 unless `procedure` says otherwise). Returns the rows the API gave.
 */
export async function procedureWithFiles(
  router: ReturnType<typeof createRouter>,
  files: { name: string; bytes: Buffer }[],
  procedure: { code: string; title: string; domain: string; origin: string } = { code: 'QT-THU-09', title: 'Thu BHXH', domain: 'thu', origin: 'district' },
) {
  const created = await call(router, 'procedures.create', procedure);
  const version = await call(router, 'versions.createDraft', { procedureId: created.id });
  const attachments: { id: string; sha256: string }[] = [];
  for (const f of files) {
    attachments.push(
      await call(router, 'attachments.upload', { subjectType: 'procedure_version', subjectId: version.id, name: f.name, contentBase64: f.bytes.toString('base64') }),
    );
  }
  return { procedure: created, version, attachments };
}
