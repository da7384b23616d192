import { z } from 'zod';
import {
  actionCounts,
  actionScopeSql,
  deleteAction,
  deleteFinding,
  deleteInspection,
  findingSources,
  findingsOf,
  inspectionsOf,
  listActions,
  openAction,
  recordFinding,
  recordInspection,
  setActionStatus,
  updateAction,
  updateFinding,
  updateInspection,
  verifyAction,
} from '../services/improvement/actions';
import { createProgramme, deleteAudit, getAudit, listAudits, planAudit, programmesOf, updateAudit } from '../services/improvement/audits';
import {
  addScopeCode,
  certificationOf,
  deleteAssessment,
  deleteCertificate,
  deleteDeclaration,
  recordAssessment,
  recordCertificate,
  recordDeclaration,
  removeScopeCode,
  updateAssessment,
  updateCertificate,
  updateDeclaration,
} from '../services/improvement/certification';
import { deleteFeedback, listFeedback, raiseFeedback, updateFeedback } from '../services/improvement/feedback';
import { dueCalendar, healthOverview, unitHealth } from '../services/improvement/health';
import { addResult, createObjective, deleteObjective, deleteResult, objectivesOf, policiesOf, setAchieved, setPolicy, updateObjective } from '../services/improvement/objectives';
import {
  addEngagement,
  createOrganisation,
  deleteEngagement,
  deleteOrganisation,
  listEngagements,
  listOrganisations,
  updateOrganisation,
} from '../services/improvement/organisations';
import { addReviewDecision, deleteReview, recordReview, reviewsOf, updateReview } from '../services/improvement/reviews';
import { applyDerivedSteps } from '../services/improvement/rollout';
import { mutation, query } from './define';
import { id, isoDate, optionalDate, requiredText, text } from './schemas';
import { ASSESSMENT_KINDS, ENGAGEMENT_SERVICES } from '../common/improvement';

const standard = z.enum(['2008', '2015']);
const codes = (max = 500) => z.array(requiredText(100)).max(max);
const year = z.number().int().min(2000).max(2100);
const count = z.number().int().min(0).max(10_000);
const orgKind = z.enum(['consultant', 'certifier']);
const source = z.enum(findingSources);
const severity = z.enum(['major', 'minor', 'observation']);
const actionStatus = z.enum(['open', 'in_progress', 'done', 'verified']);
const feedbackCategory = z.enum(['legal', 'procedure', 'it', 'training', 'budget', 'organisation', 'other']);
const feedbackStatus = z.enum(['open', 'sent', 'answered', 'closed']);

const organisation = z.object({
  kind: orgKind,
  name: requiredText(300),
  registrationNo: text(200).optional(),
  contacts: text(1000).optional(),
  note: text(2000).optional(),
});
const assessment = z.object({
  organisationId: id.nullable().optional(),
  kind: z.enum(ASSESSMENT_KINDS),
  startDate: isoDate,
  endDate: optionalDate,
  leadAssessor: text(200).optional(),
  majorCount: count.optional(),
  minorCount: count.optional(),
  observationCount: count.optional(),
  note: text(2000).optional(),
});
const certificate = z.object({
  organisationId: id.nullable().optional(),
  number: requiredText(100),
  issuer: requiredText(300),
  standard,
  scope: codes(),
  issueDate: isoDate,
  expiryDate: optionalDate,
  note: text(2000).optional(),
});
const declaration = z.object({
  decisionNo: requiredText(50),
  decisionDate: isoDate,
  signer: text(200).optional(),
  standard,
  scope: codes(),
  notifiedDate: optionalDate,
  postedDate: optionalDate,
  note: text(2000).optional(),
});
const teamMember = z
  .object({
    role: z.enum(['lead', 'member']),
    fullName: requiredText(200),
    staffId: text(100).nullable().optional(),
    department: text(200).optional(),
    internalAuditCourse: z.boolean().optional(),
  })
  .strict();
const auditScope = {
  clauses: codes(100).optional(),
  procedures: codes(300).optional(),
  departments: codes(100).optional(),
  checklist: z.array(requiredText(1000)).max(300).optional(),
};
const actionPlan = z
  .object({
    title: text(500).optional(),
    rootCause: text(4000).optional(),
    action: text(4000).optional(),
    owner: requiredText(200),
    dueDate: optionalDate,
    openedDate: isoDate.optional(),
  })
  .strict();
const findingFields = {
  severity,
  clause: text(50).optional(),
  procedureCode: text(100).optional(),
  department: text(200).optional(),
  description: requiredText(4000),
  evidence: text(4000).optional(),
  foundDate: isoDate,
  sourceRef: text(200).optional(),
};
const reviewInputs = z
  .object({
    auditResults: text(8000).optional(),
    feedback: text(8000).optional(),
    processPerformance: text(8000).optional(),
    actionsStatus: text(8000).optional(),
    previousReviews: text(8000).optional(),
    changes: text(8000).optional(),
    improvements: text(8000).optional(),
  })
  .strict();
const decision = z.object({ title: requiredText(500), owner: requiredText(200), dueDate: isoDate }).strict();
const review = z.object({
  reviewDate: isoDate,
  chair: requiredText(200),
  attendees: text(4000).optional(),
  inputs: reviewInputs.optional(),
  conclusions: text(8000).optional(),
  minutesNo: text(100).optional(),
});
const inspection = z.object({
  inspector: requiredText(300),
  inspectionDate: isoDate,
  minutesNo: text(100).optional(),
  minutesDate: isoDate,
  onSite: z.boolean().optional(),
  note: text(2000).optional(),
});
const objective = z.object({ year, title: requiredText(500), target: requiredText(500), measure: text(1000).optional(), note: text(2000).optional() });
const feedback = z.object({ raisedDate: isoDate, category: feedbackCategory, title: requiredText(500), details: text(8000).optional() });

/** Certification and continual improvement: steps 3 and 4 of every unit. */
export const improvementApi = {
  'orgs.list': query(z.object({ kind: orgKind.optional() }).strict(), (ctx, i) => listOrganisations(ctx, i.kind)),
  'orgs.create': mutation(organisation.strict(), (ctx, i) => createOrganisation(ctx, i)),
  'orgs.update': mutation(organisation.partial().extend({ id }).strict(), (ctx, { id, ...p }) => updateOrganisation(ctx, id, p)),
  'orgs.delete': mutation(z.object({ id }).strict(), (ctx, i) => deleteOrganisation(ctx, i.id)),
  'orgs.engagements': query(z.object({ organisationId: id.optional(), unitId: id.optional() }).strict(), (ctx, i) => listEngagements(ctx, i)),
  'orgs.addEngagement': mutation(
    z
      .object({
        organisationId: id,
        unitId: id,
        service: z.enum(ENGAGEMENT_SERVICES),
        contractNo: text(100).optional(),
        contractValue: z.number().int().min(0).max(1e13).nullable().optional(),
        startDate: optionalDate,
        endDate: optionalDate,
        note: text(2000).optional(),
      })
      .strict(),
    (ctx, i) => addEngagement(ctx, i),
  ),
  'orgs.deleteEngagement': mutation(z.object({ id }).strict(), (ctx, i) => deleteEngagement(ctx, i.id)),

  'certification.get': query(z.object({ unitId: id }).strict(), (ctx, i) => certificationOf(ctx, i.unitId)),
  'assessments.record': mutation(assessment.extend({ unitId: id }).strict(), (ctx, i) => recordAssessment(ctx, i)),
  'assessments.update': mutation(assessment.partial().extend({ id }).strict(), (ctx, { id, ...p }) => updateAssessment(ctx, id, p)),
  'assessments.delete': mutation(z.object({ id }).strict(), (ctx, i) => deleteAssessment(ctx, i.id)),
  'certificates.record': mutation(certificate.extend({ unitId: id }).strict(), (ctx, i) => recordCertificate(ctx, i)),
  'certificates.update': mutation(certificate.partial().extend({ id }).strict(), (ctx, { id, ...p }) => updateCertificate(ctx, id, p)),
  'certificates.delete': mutation(z.object({ id }).strict(), (ctx, i) => deleteCertificate(ctx, i.id)),
  'declarations.record': mutation(declaration.extend({ unitId: id }).strict(), (ctx, i) => recordDeclaration(ctx, i)),
  'declarations.update': mutation(declaration.partial().extend({ id }).strict(), (ctx, { id, ...p }) => updateDeclaration(ctx, id, p)),
  'declarations.delete': mutation(z.object({ id }).strict(), (ctx, i) => deleteDeclaration(ctx, i.id)),
  'scopeCodes.add': mutation(z.object({ unitId: id, code: requiredText(100), addedDate: isoDate }).strict(), (ctx, i) => addScopeCode(ctx, i)),
  'scopeCodes.remove': mutation(z.object({ id }).strict(), (ctx, i) => removeScopeCode(ctx, i.id)),

  'audits.list': query(z.object({ unitId: id.optional(), rootId: id.optional(), year: year.optional() }).strict(), (ctx, i) => listAudits(ctx, i)),
  'audits.get': query(z.object({ id }).strict(), (ctx, i) => getAudit(ctx, i.id)),
  'audits.programmes': query(z.object({ unitId: id }).strict(), (ctx, i) => programmesOf(ctx, i.unitId)),
  'audits.createProgramme': mutation(
    z.object({ unitId: id, year, approvedBy: text(200).optional(), approvedDate: optionalDate, note: text(2000).optional() }).strict(),
    (ctx, i) => createProgramme(ctx, i),
  ),
  'audits.plan': mutation(
    z
      .object({ unitId: id, title: requiredText(300), plannedStart: isoDate, plannedEnd: optionalDate, ...auditScope, team: z.array(teamMember).max(30) })
      .strict(),
    (ctx, i) => planAudit(ctx, i),
  ),
  'audits.update': mutation(
    z
      .object({
        id,
        title: requiredText(300).optional(),
        plannedStart: isoDate.optional(),
        plannedEnd: optionalDate,
        actualStart: optionalDate,
        actualEnd: optionalDate,
        status: z.enum(['planned', 'done', 'cancelled']).optional(),
        summary: text(8000).optional(),
        ...auditScope,
        team: z.array(teamMember).max(30).optional(),
      })
      .strict(),
    (ctx, { id, ...p }) => updateAudit(ctx, id, p),
  ),
  'audits.delete': mutation(z.object({ id }).strict(), (ctx, i) => deleteAudit(ctx, i.id)),

  'inspections.list': query(z.object({ unitId: id }).strict(), (ctx, i) => inspectionsOf(ctx, i.unitId)),
  'inspections.record': mutation(inspection.extend({ unitId: id }).strict(), (ctx, i) => recordInspection(ctx, i)),
  'inspections.update': mutation(inspection.partial().extend({ id }).strict(), (ctx, { id, ...p }) => updateInspection(ctx, id, p)),
  'inspections.delete': mutation(z.object({ id }).strict(), (ctx, i) => deleteInspection(ctx, i.id)),

  'findings.list': query(z.object({ unitId: id }).strict(), (ctx, i) => findingsOf(ctx, i.unitId)),
  'findings.record': mutation(
    z
      .object({
        source,
        unitId: id.optional(),
        auditId: id.nullable().optional(),
        assessmentId: id.nullable().optional(),
        inspectionId: id.nullable().optional(),
        ...findingFields,
        correctiveAction: actionPlan.optional(),
      })
      .strict(),
    (ctx, i) => recordFinding(ctx, i),
  ),
  'findings.update': mutation(
    z
      .object({
        id,
        severity: severity.optional(),
        clause: text(50).optional(),
        procedureCode: text(100).optional(),
        department: text(200).optional(),
        description: requiredText(4000).optional(),
        evidence: text(4000).optional(),
        foundDate: isoDate.optional(),
        sourceRef: text(200).optional(),
      })
      .strict(),
    (ctx, { id, ...p }) => updateFinding(ctx, id, p),
  ),
  'findings.delete': mutation(z.object({ id }).strict(), (ctx, i) => deleteFinding(ctx, i.id)),

  'actions.list': query(
    z
      .object({ unitId: id.optional(), rootId: id.optional(), status: z.union([actionStatus, z.literal('not_closed')]).optional(), overdue: z.boolean().optional() })
      .strict(),
    // The rows of the filter; the counts (aging, per status) over the whole scope, in SQL.
    (ctx, i) => {
      const scope = actionScopeSql(ctx, i);
      const { statuses, ...aging } = actionCounts(ctx, scope);
      return { rows: listActions(ctx, i, scope), aging, statuses };
    },
  ),
  'actions.open': mutation(
    actionPlan.extend({ findingId: id.nullable().optional(), reviewId: id.nullable().optional(), unitId: id.optional(), source: source.optional() }).strict(),
    (ctx, i) => openAction(ctx, i),
  ),
  'actions.update': mutation(
    z
      .object({
        id,
        title: requiredText(500).optional(),
        rootCause: text(4000).optional(),
        action: text(4000).optional(),
        owner: requiredText(200).optional(),
        dueDate: isoDate.optional(),
      })
      .strict(),
    (ctx, { id, ...p }) => updateAction(ctx, id, p),
  ),
  'actions.setStatus': mutation(z.object({ id, status: actionStatus, doneDate: optionalDate }).strict(), (ctx, i) =>
    setActionStatus(ctx, i.id, i.status, i.doneDate),
  ),
  'actions.verify': mutation(
    z.object({ id, verifiedBy: requiredText(200), verifiedDate: isoDate, effective: z.boolean(), note: text(4000).optional() }).strict(),
    (ctx, { id, ...i }) => verifyAction(ctx, id, i),
  ),
  'actions.delete': mutation(z.object({ id }).strict(), (ctx, i) => deleteAction(ctx, i.id)),

  'reviews.list': query(z.object({ unitId: id }).strict(), (ctx, i) => reviewsOf(ctx, i.unitId)),
  'reviews.record': mutation(review.extend({ unitId: id, decisions: z.array(decision).max(100).optional() }).strict(), (ctx, i) => recordReview(ctx, i)),
  'reviews.update': mutation(review.partial().extend({ id }).strict(), (ctx, { id, ...p }) => updateReview(ctx, id, p)),
  'reviews.addDecision': mutation(decision.extend({ reviewId: id }).strict(), (ctx, { reviewId, ...d }) => addReviewDecision(ctx, reviewId, d)),
  'reviews.delete': mutation(z.object({ id }).strict(), (ctx, i) => deleteReview(ctx, i.id)),

  'objectives.list': query(z.object({ unitId: id, year: year.optional() }).strict(), (ctx, i) => {
    const policies = policiesOf(ctx, i.unitId);
    return { policy: policies[0] ?? null, policies, objectives: objectivesOf(ctx, i.unitId, i.year) };
  }),
  'objectives.setPolicy': mutation(
    z.object({ unitId: id, issuedDate: isoDate, decisionNo: text(50).optional(), body: requiredText(8000) }).strict(),
    (ctx, i) => setPolicy(ctx, i),
  ),
  'objectives.create': mutation(objective.extend({ unitId: id }).strict(), (ctx, i) => createObjective(ctx, i)),
  'objectives.update': mutation(objective.partial().extend({ id }).strict(), (ctx, { id, ...p }) => updateObjective(ctx, id, p)),
  'objectives.delete': mutation(z.object({ id }).strict(), (ctx, i) => deleteObjective(ctx, i.id)),
  'objectives.addResult': mutation(
    z.object({ objectiveId: id, resultDate: isoDate, value: requiredText(500), note: text(2000).optional() }).strict(),
    (ctx, i) => addResult(ctx, i),
  ),
  'objectives.deleteResult': mutation(z.object({ id }).strict(), (ctx, i) => deleteResult(ctx, i.id)),
  'objectives.setAchieved': mutation(z.object({ id, achieved: z.boolean().nullable() }).strict(), (ctx, i) => setAchieved(ctx, i.id, i.achieved)),

  'feedback.list': query(z.object({ unitId: id.optional(), rootId: id.optional(), status: feedbackStatus.optional() }).strict(), (ctx, i) =>
    listFeedback(ctx, i),
  ),
  'feedback.raise': mutation(feedback.extend({ unitId: id }).strict(), (ctx, i) => raiseFeedback(ctx, i)),
  'feedback.update': mutation(
    feedback
      .partial()
      .extend({ id, status: feedbackStatus.optional(), answer: text(8000).optional(), answeredDate: optionalDate, answeredBy: text(200).optional() })
      .strict(),
    (ctx, { id, ...p }) => updateFeedback(ctx, id, p),
  ),
  'feedback.delete': mutation(z.object({ id }).strict(), (ctx, i) => deleteFeedback(ctx, i.id)),

  'health.get': query(z.object({ unitId: id }).strict(), (ctx, i) => unitHealth(ctx, i.unitId)),
  'health.overview': query(z.object({ rootId: id.optional() }).strict(), (ctx, i) => healthOverview(ctx, i.rootId)),
  'calendar.get': query(z.object({ rootId: id.optional(), unitId: id.optional() }).strict(), (ctx, i) => dueCalendar(ctx, i)),
  /** Re-applies steps 3 and 4 from the records (e.g. after step 2 was completed by hand). */
  'improvement.syncSteps': mutation(z.object({ unitId: id }).strict(), (ctx, i) => {
    applyDerivedSteps(ctx, i.unitId);
    return null;
  }),
};
