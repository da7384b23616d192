/**
 * Values the improvement screens offer and the API accepts (the database's
 * column enums in db/schema/improvement.ts list the same: db imports nothing of ours).
 */

/** Kinds of certification assessment: stage 1 and 2, surveillance, recertification. */
export const ASSESSMENT_KINDS = ['stage1', 'stage2', 'surveillance', 'recertification'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

/** What an organisation does for a unit under a contract. */
export const ENGAGEMENT_SERVICES = ['consulting', 'certification', 'training'] as const;
