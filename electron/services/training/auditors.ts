import type { ServiceContext } from '../context';
import { today } from '../rules';
import { listUnits, subtreeIds } from '../units/units';
import { listCourses } from './courses';
import { EXPIRY_WINDOW_DAYS, inForce, qualifications } from './qualifications';
import { listStaff, type IsoRole } from './staff';

/** One certified internal auditor, as audit planning needs them. */
export interface AuditorEntry {
  staffId: string;
  fullName: string;
  staffCode: string;
  birthDate: string | null;
  /** The unit the auditor works in (audit planning keeps auditors independent of the audited unit). */
  unitId: string;
  unitCode: string;
  unitName: string;
  position: string;
  department: string;
  isoRole: IsoRole;
  /** The certifying course (kind "certified_auditor") and the session of the best certificate. */
  courseTypeId: string;
  courseName: string;
  sessionId: string;
  certificateNo: string;
  certificateDate: string | null;
  /** null: the certificate does not expire. */
  certificateExpiry: string | null;
  /** The certificate ends within 90 days of onDate. */
  expiringSoon: boolean;
  /** Also passed an internal-audit course (kind "internal_audit"). */
  internalAuditTrained: boolean;
}

export interface AuditorFilter {
  /** Only auditors working in these units (exactly these; add includeSubunits for their subtrees). */
  unitIds?: string[];
  includeSubunits?: boolean;
  /** The day the certificates must be in force; today by default. */
  onDate?: string;
}

/**
 * The register of certified internal auditors: active staff with a passed
 * "certified auditor" course whose certificate is in force on the day, by
 * unit code then name. The improvement area plans audits from it.
 */
export function auditorRegister(ctx: ServiceContext, filter: AuditorFilter = {}): AuditorEntry[] {
  const onDate = filter.onDate ?? today(ctx);
  const courses = listCourses(ctx, { includeInactive: true });
  const certifying = courses.filter((c) => c.kind === 'certified_auditor');
  const auditCourses = new Set(courses.filter((c) => c.kind === 'internal_audit').map((c) => c.id));
  let scope: Set<string> | null = null;
  if (filter.unitIds) {
    scope = new Set(filter.includeSubunits ? filter.unitIds.flatMap((id) => subtreeIds(ctx, id)) : filter.unitIds);
  }
  const quals = qualifications(ctx, onDate, EXPIRY_WINDOW_DAYS);
  const units = new Map(listUnits(ctx, { status: 'all' }).map((u) => [u.id, u]));
  const out: AuditorEntry[] = [];
  for (const p of listStaff(ctx, { status: 'active' })) {
    if (scope && !scope.has(p.unitId)) continue;
    const mine = quals.get(p.id);
    const best = certifying
      .map((c) => ({ course: c, q: mine?.get(c.id) }))
      .filter((x) => inForce(x.q))
      .sort((a, b) => (b.q!.certificateExpiry ?? '9999').localeCompare(a.q!.certificateExpiry ?? '9999'))[0];
    if (!best) continue;
    const q = best.q!;
    out.push({
      staffId: p.id,
      fullName: p.fullName,
      staffCode: p.staffCode,
      birthDate: p.birthDate,
      unitId: p.unitId,
      unitCode: units.get(p.unitId)?.code ?? '',
      unitName: units.get(p.unitId)?.name ?? '',
      position: p.position,
      department: p.department,
      isoRole: p.isoRole,
      courseTypeId: best.course.id,
      courseName: best.course.name,
      sessionId: q.sessionId,
      certificateNo: q.certificateNo,
      certificateDate: q.certificateDate,
      certificateExpiry: q.certificateExpiry,
      expiringSoon: q.state === 'expiring',
      internalAuditTrained: [...auditCourses].some((id) => inForce(mine?.get(id))),
    });
  }
  return out;
}
