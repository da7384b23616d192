import { z } from 'zod';
import { adoptForUnits, adoptForWave, adoptionMatrix, adoptionsOfProcedure, adoptVersion, outdatedAdoptions, removeAdoption } from '../services/procedures/adoption';
import {
  attachFile,
  attachUpload,
  checkIntegrity,
  downloadAttachment,
  listAttachments,
  MAX_FILE_BYTES,
  MAX_UPLOAD_BYTES,
  openableCopy,
  removeAttachment,
} from '../services/procedures/attachments';
import { createProcedure, getProcedure, listProcedures, loadStarterCatalogue, updateProcedure } from '../services/procedures/catalogue';
import { checklistOf, checklistOverview, migrateTo2015, selectStandard, setClauseStatus } from '../services/procedures/checklists';
import { searchProcedures } from '../services/procedures/search';
import {
  approveVersion,
  createDraft,
  diffVersions,
  dueReviews,
  listLegalChanges,
  recordLegalChange,
  recordReview,
  submitForReview,
  updateDraft,
  versionsOf,
  withdrawVersion,
} from '../services/procedures/versions';
import {
  clauseStatuses,
  clauseTrees,
  mapping2008to2015,
  procedureDomains,
  procedureOrigins,
  versionReasons,
} from '../services/procedures/vocabulary';
import { registerAttachmentLister } from '../services/exchange/attachments';
import { procedureFilesForBundle } from '../services/procedures/attachments';
import { job, mutation, query } from './define';
import { id, isoDate, optionalDate, requiredText, text } from './schemas';

// Procedure files travel in signed bundles with the rows that name them.
registerAttachmentLister(procedureFilesForBundle);

const domain = z.enum(procedureDomains);
const origin = z.enum(procedureOrigins);
const reason = z.enum(versionReasons);
const standard = z.enum(['2008', '2015']);
const unitTypeForAdoption = z.enum(['province', 'district', 'affiliated']);
const subjectType = z.enum(['procedure_version', 'checklist_item']);
const reviewMonths = z.number().int().min(1).max(120);
const procedureFields = {
  // Checked by the service, so a missing title reads "Tên quy trình".
  title: text(300),
  domain,
  origin,
  ownerRole: text(200).optional(),
  adminProcedure: text(300).optional(),
  reviewMonths: reviewMonths.optional(),
  note: text(2000).optional(),
};

/** Procedures, document control, legal changes, attachments, adoption matrix, requirement checklists and search. */
export const proceduresApi = {
  'procedures.list': query(
    z
      .object({
        query: text(200).optional(),
        domain: domain.optional(),
        origin: origin.optional(),
        status: z.enum(['none', 'draft', 'in_review', 'approved', 'withdrawn']).optional(),
      })
      .strict(),
    (ctx, input) => listProcedures(ctx, input),
  ),
  'procedures.get': query(z.object({ id }).strict(), (ctx, { id }) => {
    const procedure = getProcedure(ctx, id);
    const versions = versionsOf(ctx, id);
    const files = listAttachments(ctx, 'procedure_version', versions.map((v) => v.id));
    return {
      procedure,
      versions: versions.map((v) => ({ ...v, attachments: files.filter((f) => f.subjectId === v.id) })),
      legalChanges: listLegalChanges(ctx, { procedureId: id }),
      adoptions: adoptionsOfProcedure(ctx, id),
    };
  }),
  'procedures.create': mutation(
    // The code is checked by the service, so a missing one is reported as "Mã quy trình".
    z.object({ code: text(30), ...procedureFields }).strict(),
    (ctx, input) => createProcedure(ctx, input),
  ),
  'procedures.update': mutation(
    z
      .object({ id, ...procedureFields })
      .partial()
      .extend({ id })
      .strict(),
    (ctx, { id, ...patch }) => updateProcedure(ctx, id, patch),
  ),
  'procedures.loadStarter': mutation(z.object({}).strict(), (ctx) => loadStarterCatalogue(ctx)),
  'procedures.search': query(z.object({ query: text(200), limit: z.number().int().min(1).max(200).optional() }).strict(), (ctx, i) =>
    searchProcedures(ctx, i.query, i.limit),
  ),
  'procedures.alerts': query(z.object({ withinDays: z.number().int().min(0).max(365).optional() }).strict(), (ctx, i) => ({
    reviewsDue: dueReviews(ctx, i.withinDays ?? 30),
    legalChanges: listLegalChanges(ctx, { openOnly: true }),
    outdatedAdoptions: outdatedAdoptions(ctx).length,
  })),

  'versions.createDraft': mutation(
    z.object({ procedureId: id, summary: text(4000).optional(), reason: reason.optional(), legalChangeId: id.nullable().optional() }).strict(),
    (ctx, input) => createDraft(ctx, input),
  ),
  'versions.update': mutation(
    z.object({ id, summary: text(4000).optional(), reason: reason.optional(), legalChangeId: id.nullable().optional() }).strict(),
    (ctx, { id, ...patch }) => updateDraft(ctx, id, patch),
  ),
  'versions.submit': mutation(z.object({ id }).strict(), (ctx, { id }) => submitForReview(ctx, id)),
  'versions.approve': mutation(
    z
      .object({
        id,
        // Checked by the service so that a missing number says "Số quyết định".
        decisionNo: text(50),
        decisionDate: isoDate,
        signer: text(200),
        issueDate: optionalDate,
        reviewDue: optionalDate,
      })
      .strict(),
    (ctx, { id, ...input }) => approveVersion(ctx, id, input),
  ),
  'versions.withdraw': mutation(z.object({ id, date: isoDate, note: text(2000).optional() }).strict(), (ctx, { id, ...input }) =>
    withdrawVersion(ctx, id, input),
  ),
  'versions.review': mutation(z.object({ id, date: isoDate, nextDue: optionalDate }).strict(), (ctx, { id, ...input }) => recordReview(ctx, id, input)),
  'versions.diff': query(z.object({ fromId: id, toId: id }).strict(), (ctx, i) => diffVersions(ctx, i.fromId, i.toId)),

  'legalChanges.record': mutation(
    z.object({ procedureId: id, reference: text(100), title: text(500).optional(), effectiveDate: isoDate, note: text(2000).optional() }).strict(),
    (ctx, input) => recordLegalChange(ctx, input),
  ),
  'legalChanges.list': query(z.object({ procedureId: id.optional(), openOnly: z.boolean().optional() }).strict(), (ctx, input) =>
    listLegalChanges(ctx, input),
  ),

  /** Desktop and CLI: attach a file by its path. */
  'attachments.addFile': job(
    z.object({ subjectType, subjectId: id, path: requiredText(4000), name: text(255).optional() }).strict(),
    (ctx, input) => attachFile(ctx, input),
  ),
  /** Browser preview: attach an upload (base64 content and the original name). */
  'attachments.upload': job(
    z.object({ subjectType, subjectId: id, name: requiredText(255), contentBase64: z.string().max(16 * 1024 * 1024) }).strict(),
    (ctx, input) => attachUpload(ctx, input),
  ),
  'attachments.list': query(z.object({ subjectType, subjectIds: z.array(id).max(1000) }).strict(), (ctx, i) =>
    listAttachments(ctx, i.subjectType, i.subjectIds),
  ),
  /** Browser preview: the verified content to download. */
  'attachments.download': job(z.object({ id }).strict(), (ctx, { id }) => downloadAttachment(ctx, id)),
  /** Desktop: a verified copy under its original name, for the main process to open with the default program. */
  'attachments.openPath': job(z.object({ id }).strict(), (ctx, { id }) => openableCopy(ctx, id)),
  'attachments.remove': mutation(z.object({ id }).strict(), (ctx, { id }) => removeAttachment(ctx, id)),
  'attachments.check': job(z.object({}).strict(), (ctx) => checkIntegrity(ctx)),
  'attachments.limits': query(z.object({}).strict(), () => ({ maxFileBytes: MAX_FILE_BYTES, maxUploadBytes: MAX_UPLOAD_BYTES })),

  'adoption.apply': mutation(
    z.object({ unitId: id, versionId: id, since: isoDate, localNote: text(2000).optional() }).strict(),
    (ctx, input) => adoptVersion(ctx, input),
  ),
  'adoption.applyToUnits': mutation(
    z.object({ versionId: id, unitIds: z.array(id).min(1).max(2000), since: isoDate, localNote: text(2000).optional() }).strict(),
    (ctx, input) => adoptForUnits(ctx, input).length,
  ),
  'adoption.applyToWave': mutation(
    z.object({ versionId: id, waveId: id, unitType: unitTypeForAdoption.optional(), since: isoDate, localNote: text(2000).optional() }).strict(),
    (ctx, input) => adoptForWave(ctx, input),
  ),
  'adoption.remove': mutation(z.object({ unitId: id, procedureId: id }).strict(), (ctx, i) => removeAdoption(ctx, i.unitId, i.procedureId)),
  'adoption.matrix': query(
    z.object({ waveId: id.optional(), unitType: unitTypeForAdoption.optional(), domain: domain.optional(), rootId: id.optional() }).strict(),
    (ctx, input) => adoptionMatrix(ctx, input),
  ),

  'checklists.clauses': query(z.object({ standard }).strict(), (_ctx, { standard }) => ({ clauses: clauseTrees[standard], mapping: mapping2008to2015 })),
  'checklists.overview': query(z.object({}).strict(), (ctx) => checklistOverview(ctx)),
  'checklists.get': query(z.object({ unitId: id }).strict(), (ctx, { unitId }) => checklistOf(ctx, unitId)),
  'checklists.select': mutation(z.object({ unitId: id, standard, startedDate: isoDate.optional() }).strict(), (ctx, input) => selectStandard(ctx, input)),
  'checklists.setStatus': mutation(
    z
      .object({ unitId: id, clause: text(20), status: z.enum(clauseStatuses), note: text(2000).optional(), evidenceVersionIds: z.array(id).max(50).optional() })
      .strict(),
    (ctx, input) => setClauseStatus(ctx, input),
  ),
  'checklists.migrate': mutation(z.object({ unitId: id, startedDate: isoDate.optional() }).strict(), (ctx, input) => migrateTo2015(ctx, input)),
};
