import { type Standard, starterProcedures } from '../../db/reference/procedures';
import { addMonths } from '../../electron/common/dates';
import { openAction, recordFinding, recordInspection, setActionStatus, verifyAction, type ActionInput, type FindingInput } from '../../electron/services/improvement/actions';
import { createProgramme, planAudit, updateAudit, type TeamMemberInput } from '../../electron/services/improvement/audits';
import { addScopeCode, recordAssessment, recordCertificate, recordDeclaration } from '../../electron/services/improvement/certification';
import { raiseFeedback, updateFeedback } from '../../electron/services/improvement/feedback';
import { createObjective, addResult, setAchieved, setPolicy } from '../../electron/services/improvement/objectives';
import { addEngagement, createOrganisation } from '../../electron/services/improvement/organisations';
import { recordReview } from '../../electron/services/improvement/reviews';
import { leafClauses } from '../../electron/services/procedures/checklists';
import { unitIdForCode } from '../../electron/services/units/units';
import { DAY, dayMs, isoDay, when } from './clock';
import type { AreaModule, GenContext, StaffRef, Timeline, UnitHistory } from './context';
import type { Workspace } from '../../electron/services/workspace';
import type { TreeUnit } from './geography';
import { CERTIFIERS, decision, personName } from './names';
import type { Rng } from './random';

const CONSULTANTS = ['Trung tâm Năng suất Việt Nam', 'Công ty Tư vấn ISO Tâm Việt', 'Viện Tiêu chuẩn Chất lượng'];
/** The business domains a unit's declared scope covers. */
const SCOPE = { service: ['thu', 'so_the', 'cs_bhxh', 'cs_bhyt', 'chi_tra'], affiliated: ['noi_bo'] };
/** A certified auditor's certificate lasts this long (the course type's validity). */
const CERT_MONTHS = 36;

/** Nonconformities, by clause family: [2008 clause, 2015 clause, description]. */
const NONCONFORMITIES: [string, string, string][] = [
  ['4.2.3', '7.5.3', 'Biểu mẫu đang sử dụng không đúng phiên bản hiện hành của quy trình'],
  ['4.2.3', '7.5.2', 'Danh mục tài liệu nội bộ chưa được cập nhật sau khi ban hành phiên bản mới'],
  ['4.2.4', '7.5.3', 'Hồ sơ lưu trữ sắp xếp chưa khoa học, khó truy tìm khi cần'],
  ['4.2.4', '7.5.3', 'Sổ theo dõi hồ sơ chưa ghi đầy đủ ngày nhận, ngày trả kết quả'],
  ['5.4.1', '6.2', 'Mục tiêu chất lượng của phòng chưa được theo dõi, đánh giá định kỳ'],
  ['6.2.2', '7.2', 'Chưa lưu hồ sơ đào tạo của viên chức mới tuyển dụng'],
  ['7.2.2', '8.2.3', 'Một số hồ sơ tiếp nhận thiếu thành phần nhưng không có phiếu hướng dẫn bổ sung'],
  ['7.5.1', '8.5.1', 'Một số hồ sơ trả kết quả chậm so với thời hạn quy định trong quy trình'],
  ['7.5.1', '8.5.1', 'Hồ sơ giải quyết thiếu phiếu kiểm soát quá trình theo quy định'],
  ['7.5.4', '8.5.3', 'Sổ BHXH của người lao động lưu giữ tại bộ phận chưa có biên bản giao nhận'],
  ['8.2.1', '9.1.2', 'Chưa thực hiện khảo sát sự hài lòng của người dân, tổ chức theo kế hoạch'],
  ['8.3', '8.7.1', 'Sản phẩm không phù hợp chưa được ghi nhận vào sổ theo dõi'],
  ['8.5.2', '10.2.1', 'Chưa phân tích nguyên nhân trước khi thực hiện hành động khắc phục'],
  ['8.5.3', '6.1', 'Chưa xác định đầy đủ rủi ro và cơ hội của quá trình giải quyết hồ sơ'],
  ['5.5.3', '7.4', 'Kết quả họp giao ban ISO chưa được thông báo tới các bộ phận'],
];
const OBSERVATIONS = [
  'Nên niêm yết quy trình và thời hạn giải quyết tại bộ phận một cửa',
  'Nên số hóa hồ sơ lưu trữ để thuận tiện tra cứu',
  'Nên rà soát lại thời gian giải quyết từng bước trong quy trình',
  'Nên bổ sung hướng dẫn ghi chép sổ theo dõi cho viên chức mới',
  'Nên phân công người dự phòng cho vị trí tiếp nhận hồ sơ',
  'Nên cập nhật danh sách văn bản pháp luật áp dụng hằng quý',
];
const ROOT_CAUSES = [
  'Viên chức chưa nắm vững quy trình sau khi thay đổi',
  'Khối lượng hồ sơ tăng trong thời điểm cuối năm',
  'Chưa phân công rõ trách nhiệm theo dõi',
  'Văn bản mới ban hành chưa được phổ biến kịp thời',
  'Phần mềm chưa hỗ trợ nhắc hạn xử lý',
];
const CORRECTIONS = [
  'Tổ chức phổ biến lại quy trình cho viên chức trong phòng',
  'Rà soát, bổ sung hồ sơ còn thiếu và cập nhật sổ theo dõi',
  'Thu hồi biểu mẫu cũ, phát hành biểu mẫu theo phiên bản hiện hành',
  'Phân công người theo dõi và báo cáo hằng tháng',
  'Đề nghị bổ sung chức năng nhắc hạn trên phần mềm',
];
const REVIEW_DECISIONS = [
  'Bổ sung nhân lực cho bộ phận tiếp nhận và trả kết quả',
  'Nâng cấp phần mềm quản lý hồ sơ, kết nối một cửa điện tử',
  'Tổ chức đào tạo lại ISO cho viên chức mới',
  'Rà soát, cập nhật quy trình theo văn bản pháp luật mới',
  'Cải tạo khu vực tiếp nhận hồ sơ, bổ sung ghế chờ',
  'Khảo sát sự hài lòng của người dân theo quý',
];
const OBJECTIVES: [string, string, string, number?][] = [
  ['Tỷ lệ hồ sơ TTHC giải quyết đúng hạn', '≥ 98%', 'Báo cáo tháng của bộ phận một cửa'],
  ['Tỷ lệ người dân, tổ chức hài lòng khi giao dịch', '≥ 90%', 'Phiếu khảo sát sự hài lòng'],
  ['Hoàn thành kế hoạch thu BHXH, BHYT được giao', '100%', 'Báo cáo thu hằng quý'],
  ['Không để xảy ra hồ sơ sai sót phải giải quyết lại', '0 hồ sơ', 'Sổ theo dõi sản phẩm không phù hợp'],
  ['Tỷ lệ giao dịch hồ sơ điện tử', '≥ 95%', 'Số liệu cổng giao dịch điện tử', 2016],
  ['Giảm tỷ lệ nợ đóng BHXH, BHYT', '< 3% số phải thu', 'Báo cáo thu hằng quý'],
];
const FEEDBACK: [category: 'legal' | 'procedure' | 'it' | 'training' | 'budget' | 'organisation' | 'other', title: string, weight: number][] = [
  ['legal', 'Đề nghị hướng dẫn thống nhất thời hạn giải quyết hồ sơ theo văn bản mới', 3],
  ['procedure', 'Đề nghị sửa đổi biểu mẫu trong quy trình khung cho phù hợp thực tế', 4],
  ['it', 'Phần mềm nghiệp vụ chưa kết nối với hệ thống một cửa điện tử của tỉnh', 3],
  ['training', 'Đề nghị tổ chức lớp chuyên gia đánh giá nội bộ tại địa phương', 2],
  ['budget', 'Kinh phí duy trì HTQLCL chưa được bố trí đủ theo Thông tư 116/2015/TT-BTC', 2],
  ['organisation', 'Đề nghị hướng dẫn kiện toàn Ban chỉ đạo ISO sau sắp xếp tổ chức', 1],
  ['other', 'Đề nghị bổ sung mẫu báo cáo tình hình duy trì HTQLCL bằng Excel', 1],
];
const ADMIN_CODES = starterProcedures.filter((p) => p.domain !== 'noi_bo').map((p) => p.code);
const INTERNAL_CODES = starterProcedures.filter((p) => p.domain === 'noi_bo').map((p) => p.code);

/** How many findings an internal audit records (mean about 4.3). */
const FINDING_COUNTS: [number, number][] = [[0, 4], [1, 8], [2, 12], [3, 15], [4, 17], [5, 15], [6, 11], [7, 8], [8, 6], [9, 4]];

const take = <T>(r: Rng, items: readonly T[], n: number): T[] => {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(r.next() * pool.length), 1)[0]);
  return out;
};

/** Shared mutable handle: an id the service gives at one write, used by later ones. */
interface Ref {
  id?: string;
}

/**
 * Internal audits, findings and actions, management reviews, objectives,
 * certification and feedback, through the improvement services, on the
 * dates the units module used for the same facts: the step-2 internal audit
 * and review (the review on the day step 2 ends, as its evidence says), the
 * certificate or self-declaration that closes step 3 (with the assessment and
 * the yearly surveillance behind a certificate, the 2015 re-declaration), and
 * each year of step 4 an audit programme, an audit led by a certified
 * auditor from the training register where there is one (a province's
 * auditors also audit its districts), its findings with corrective actions
 * (most closed within two months, some late, a few still open), and the
 * management review with its decisions. Also yearly objectives, the quality
 * policy, inspections by the level above, complaints and feedback to
 * headquarters.
 */
export const improvementModule: AreaModule = {
  area: 'improvement',
  issue: 5,
  status: 'ready',
  volume: '~7,000 internal audits, ~30,000 findings and actions, a management review per unit and year, objectives, certificates, declarations, inspections, feedback',
  tables: [
    'organisations',
    'engagements',
    'assessments',
    'certificates',
    'declarations',
    'unit_scope_codes',
    'audit_programmes',
    'internal_audits',
    'audit_auditors',
    'inspections',
    'findings',
    'management_reviews',
    'corrective_actions',
    'quality_policies',
    'quality_objectives',
    'objective_results',
    'hq_feedback',
  ],
  schedule(g: GenContext) {
    const { timeline: tl, ws } = g;
    const rng = g.rng.fork('improvement');
    const start = dayMs(g.history.start);

    // Certification bodies and consultants, recorded by the office.
    const orgIds = new Map<string, string>();
    const registrations = CERTIFIERS.map(() => `${rng.int(100, 999)}/TĐC-HCHQ`);
    tl.at(when(rng, start + 20 * DAY), 'organisations', () => {
      CERTIFIERS.forEach((name, i) => orgIds.set(name, createOrganisation(ws, { kind: 'certifier', name, registrationNo: registrations[i] }).id));
      for (const name of CONSULTANTS) orgIds.set(name, createOrganisation(ws, { kind: 'consultant', name }).id);
    });

    for (const u of g.tree) {
      if (u.type === 'hq') continue;
      const h = g.unitHistory.get(u.code);
      if (!h) continue;
      const r = rng.fork(u.code);
      const unit = new UnitWork(g, u, h, r, orgIds);
      unit.policyAndObjectives();
      unit.certification();
      unit.audits();
      unit.inspections();
      unit.complaints();
      unit.feedback();
    }
  },
};

/** One unit's improvement records, scheduled on the timeline. */
class UnitWork {
  private readonly unitId: string;
  private readonly tl: Timeline;
  private readonly ws: Workspace;
  /** Set once the first declaration has entered the unit's scope codes. */
  private scopeEntered = false;
  private readonly staff: StaffRef[];
  private readonly programmes = new Set<number>();
  private readonly endYear: number;

  constructor(
    private readonly g: GenContext,
    private readonly u: TreeUnit,
    private readonly h: UnitHistory,
    private readonly r: Rng,
    private readonly orgIds: Map<string, string>,
  ) {
    this.unitId = unitIdForCode(u.code);
    this.tl = g.timeline;
    this.ws = g.ws;
    this.staff = g.staff.get(u.code) ?? [];
    this.endYear = Number(g.history.end.slice(0, 4));
  }

  /** Schedules a write on a day if the unit still acts then. */
  private at(day: number, label: string, run: () => void): number | null {
    if (day > this.h.lastDay) return null;
    const t = when(this.r, day);
    this.tl.at(t, `${label} of ${this.u.code}`, run);
    return t;
  }

  private standardOn(day: number): Standard {
    return this.h.transition !== undefined && day >= this.h.transition ? '2015' : '2008';
  }

  private head(): string {
    return this.staff.find((p) => p.role === 'leader')?.fullName ?? 'Giám đốc';
  }

  private scope(): string[] {
    return this.u.type === 'affiliated' ? SCOPE.affiliated : SCOPE.service;
  }

  /** The quality policy when step 1 ends (and again at the 2015 transition); two objectives a year, judged in January. */
  policyAndObjectives(): void {
    const { r, ws, unitId, h } = this;
    const built = h.steps[1]?.end;
    if (built === undefined) return;
    const policyNo = decision(r);
    this.at(built + r.int(1, 5) * DAY, 'quality policy', () =>
      setPolicy(ws, {
        unitId,
        issuedDate: isoDay(built),
        decisionNo: policyNo,
        body: 'Lấy người dân, tổ chức làm trung tâm; giải quyết thủ tục nhanh chóng, chính xác, minh bạch; không ngừng cải tiến để nâng cao sự hài lòng.',
      }),
    );
    if (h.transition !== undefined) {
      const day = h.transition + r.int(5, 30) * DAY;
      const no = decision(r);
      this.at(day, 'quality policy 2015', () =>
        setPolicy(ws, {
          unitId,
          issuedDate: isoDay(day),
          decisionNo: no,
          body: 'Phục vụ người dân, tổ chức tận tâm, chuyên nghiệp; kiểm soát rủi ro; cải tiến liên tục HTQLCL theo TCVN ISO 9001:2015.',
        }),
      );
    }
    for (let year = new Date(built).getUTCFullYear() + 1; year <= this.endYear; year++) {
      // Affiliated units (IT, archives, press…) neither collect contributions nor receive files from the public.
      const pool = OBJECTIVES.filter((o) => !o[3] || year >= o[3]).filter((o, i) => this.u.type !== 'affiliated' || i === 1 || i === 3);
      const chosen = take(r, pool, 2);
      const refs: Ref[] = chosen.map(() => ({}));
      const set = dayMs(`${year}-01-05`) + r.int(0, 40) * DAY;
      this.at(set, `objectives ${year}`, () =>
        chosen.forEach(([title, target, measure], i) => (refs[i].id = createObjective(ws, { unitId, year, title, target, measure }).id)),
      );
      if (this.u.type === 'province') {
        const day = dayMs(`${year}-12-15`) + r.int(0, 14) * DAY;
        const values = chosen.map(() => `${r.int(92, 100)},${r.int(0, 9)}%`);
        this.at(day, `objective results ${year}`, () => refs.forEach((ref, i) => ref.id && addResult(ws, { objectiveId: ref.id, resultDate: isoDay(day), value: values[i] })));
      }
      const judged = dayMs(`${year + 1}-01-08`) + r.int(0, 40) * DAY;
      const achieved = chosen.map(() => r.chance(0.85));
      this.at(judged, `objectives judged ${year}`, () => refs.forEach((ref, i) => ref.id && setAchieved(ws, ref.id, achieved[i])));
    }
  }

  /** The certificate or self-declaration that closed step 3 (as its evidence says), surveillance, the 2015 re-declaration. */
  certification(): void {
    const { r, ws, unitId, h, u } = this;
    const s3 = h.step3;
    const consultant = r.pick(CONSULTANTS);
    const step1 = h.steps[1];
    if (step1 && u.type === 'province') {
      const contractNo = `${r.int(10, 250)}/HĐ-TV`;
      const value = r.int(25, 45) * 1_000_000;
      const months = r.int(6, 10);
      this.at(step1.start + r.int(0, 6) * DAY, 'consulting contract', () =>
        addEngagement(ws, {
          organisationId: this.orgIds.get(consultant)!,
          unitId,
          service: 'consulting',
          contractNo,
          contractValue: value,
          startDate: isoDay(step1.start),
          endDate: addMonths(isoDay(step1.start), months),
        }),
      );
    }
    if (!s3) return;
    const scope = this.scope();
    const signer = `Giám đốc ${this.head()}`;
    let declaredFirst: number | null = null;
    if (s3.certificate) {
      const cert = s3.certificate;
      const stage2 = dayMs(s3.date) - r.int(20, 35) * DAY;
      const minor = r.int(1, 4);
      const observations = r.int(1, 4);
      const assessor = personName(r);
      const findings = Array.from({ length: minor }, () => r.pick(NONCONFORMITIES));
      const actionPlans = findings.map(() => this.actionPlan(dayMs(s3.date) - 10 * DAY, 30, 60));
      const day = s3.recorded + r.int(1, 5) * DAY;
      const refs: Ref[] = findings.map(() => ({}));
      const certified = this.at(day, 'certification', () => {
        // The units module picks issuers from the same CERTIFIERS, all recorded as organisations first.
        const organisationId = this.orgIds.get(cert.issuer)!;
        addEngagement(ws, { organisationId, unitId, service: 'certification', contractNo: `${cert.number}/HĐ`, startDate: isoDay(stage2 - 30 * DAY) });
        const assessment = recordAssessment(ws, {
          unitId,
          organisationId,
          kind: 'stage2',
          startDate: isoDay(stage2),
          endDate: isoDay(stage2 + DAY),
          leadAssessor: assessor,
          minorCount: minor,
          observationCount: observations,
        });
        findings.forEach(([clause, , description], i) => {
          refs[i].id = recordFinding(ws, {
            source: 'external_assessment',
            assessmentId: assessment.id,
            severity: 'minor',
            clause,
            description,
            foundDate: isoDay(stage2 + DAY),
            correctiveAction: actionPlans[i].input,
          }).action?.id;
        });
        recordCertificate(ws, { unitId, organisationId, number: cert.number, issuer: cert.issuer, standard: '2008', scope, issueDate: s3.date });
      });
      actionPlans.forEach((plan, i) => this.followUp(refs[i], plan, assessor, certified));
      const surveillance = dayMs(addMonths(s3.date, 12)) + r.int(-20, 20) * DAY;
      const minorLater = r.int(0, 2);
      this.at(surveillance + r.int(2, 10) * DAY, 'surveillance', () =>
        recordAssessment(ws, { unitId, organisationId: this.orgIds.get(cert.issuer)!, kind: 'surveillance', startDate: isoDay(surveillance), endDate: isoDay(surveillance), leadAssessor: assessor, minorCount: minorLater }),
      );
      // Decision 19/2014: certified units declare conformity when their certificate's cycle allows.
      declaredFirst = Math.max(dayMs('2014-06-01'), dayMs(s3.date) + r.int(14, 20) * 30 * DAY);
      this.declare(declaredFirst, decision(r), '2008', scope, signer);
    } else if (s3.declarationNo) {
      declaredFirst = dayMs(s3.date);
      this.declare(declaredFirst, s3.declarationNo, '2008', scope, signer, s3.recorded);
    }
    if (declaredFirst !== null && h.transition !== undefined) {
      const redeclared = Math.max(h.transition, declaredFirst + 60 * DAY) + r.int(60, 200) * DAY;
      this.declare(redeclared, decision(r), '2015', scope, signer);
      // A few units take on a new area afterwards and have not re-declared yet.
      if (r.chance(0.04)) {
        const added = redeclared + r.int(90, 600) * DAY;
        this.at(added, 'scope grows', () => addScopeCode(ws, { unitId, code: 'QT-NB-11', addedDate: isoDay(added) }));
      }
    }
  }

  private declare(decided: number, decisionNo: string, standard: Standard, scope: string[], signer: string, notBefore = decided): void {
    const { r, ws, unitId } = this;
    const notified = decided + r.int(3, 10) * DAY;
    const posted = notified + r.int(1, 7) * DAY;
    const first = standard === '2008';
    this.at(Math.max(posted, notBefore) + r.int(1, 3) * DAY, `declaration ${standard}`, () => {
      recordDeclaration(ws, { unitId, decisionNo, decisionDate: isoDay(decided), signer, standard, scope, notifiedDate: isoDay(notified), postedDate: isoDay(posted) });
      // The scope the declaration covers, entered once (the re-declaration flag compares against it).
      if (first && !this.scopeEntered) {
        this.scopeEntered = true;
        for (const code of scope) addScopeCode(ws, { unitId, code, addedDate: isoDay(decided) });
      }
    });
  }

  /** Internal audits: the step-2 one and one for each year of step 4, with programme, team, findings and the review. */
  audits(): void {
    const { h, r } = this;
    const step2 = h.steps[2];
    if (step2) {
      if (step2.end !== undefined) {
        const audit = Math.max(step2.start, Math.min(step2.end - 3 * DAY, Math.max(step2.start + 10 * DAY, step2.end - r.int(25, 40) * DAY)));
        this.audit(audit, step2.end, 'Đánh giá nội bộ lần đầu HTQLCL', true);
      } else {
        // Stalled in step 2: the audit was planned and never held.
        this.audit(step2.start + r.int(60, 120) * DAY, null, 'Đánh giá nội bộ lần đầu HTQLCL', false);
      }
    }
    for (const up of h.upkeep) this.audit(up.audit, up.review, `Đánh giá nội bộ HTQLCL năm ${up.year}`, true);
    // The year the history ends in: its audit season (autumn) is planned, and held only if it comes before the end.
    const last = h.upkeep.at(-1);
    if (last && last.year < this.endYear) {
      const year = last.year + 1;
      const day = dayMs(`${year}-09-15`) + r.int(0, 45) * DAY;
      const held = day + 8 * DAY <= h.lastDay;
      this.audit(day, held ? day + r.int(10, 30) * DAY : null, `Đánh giá nội bộ HTQLCL năm ${year}`, held);
    }
  }

  private audit(day: number, reviewDay: number | null, title: string, held: boolean): void {
    const { r, ws, unitId, u } = this;
    const year = new Date(day).getUTCFullYear();
    // The programme is approved first; a plan made before it would create it implicitly.
    let notBefore = dayMs(`${year}-01-02`);
    if (!this.programmes.has(year)) {
      this.programmes.add(year);
      const approved = Math.min(day - 20 * DAY, Math.max(dayMs(`${year}-01-05`) + r.int(0, 45) * DAY, day - 120 * DAY));
      if (new Date(approved).getUTCFullYear() === year) {
        const head = this.head();
        this.at(approved, `audit programme ${year}`, () => createProgramme(ws, { unitId, year, approvedBy: `Giám đốc ${head}`, approvedDate: isoDay(approved), note: 'Đánh giá toàn bộ các phòng, bộ phận ít nhất một lần trong năm' }));
        notBefore = approved + DAY;
      }
    }
    const standard = this.standardOn(day);
    const leaves = leafClauses(standard).map((c) => c.clause).filter((c) => !c.startsWith(standard === '2008' ? '7.3.' : '8.3.'));
    const clauses = take(r, leaves, r.int(6, 10));
    const procedures = [...take(r, ADMIN_CODES, u.type === 'affiliated' ? 0 : r.int(2, 4)), ...take(r, INTERNAL_CODES, r.int(1, 2))];
    const days = r.int(1, 2);
    const picks = Array.from({ length: 8 }, () => r.next());
    const fallbackLead = personName(r);
    const audit: Ref = {};
    const planned = day - r.int(14, 30) * DAY;
    let team: TeamMemberInput[] = [];
    this.at(Math.max(planned, notBefore), `plan audit ${year}`, () => {
      team = this.team(day, picks, fallbackLead);
      const departments = this.departments(team, picks[7]);
      audit.id = planAudit(ws, {
        unitId,
        title,
        plannedStart: isoDay(day),
        plannedEnd: isoDay(day + days * DAY),
        clauses,
        procedures,
        departments,
        checklist: clauses.map((c) => `Kiểm tra việc đáp ứng điều ${c}`),
        team,
      }).id;
    });
    if (!held) return;
    const endDay = day + days * DAY;
    const count = r.weighted(FINDING_COUNTS);
    const found = Array.from({ length: count }, () => {
      const severity = r.weighted([['observation', 33], ['minor', 60], ['major', 7]] as const);
      const nc = r.pick(NONCONFORMITIES);
      const clause = severity === 'observation' ? r.pick(clauses) : standard === '2008' ? nc[0] : nc[1];
      return {
        severity,
        clause,
        description: severity === 'observation' ? r.pick(OBSERVATIONS) : nc[2],
        procedureCode: procedures.length && r.chance(0.5) ? r.pick(procedures) : '',
        evidence: `Hồ sơ số ${r.int(1, 999)}/${year}`,
        plan: severity === 'observation' ? null : this.actionPlan(endDay, severity === 'major' ? 20 : 30, severity === 'major' ? 45 : 60),
      };
    });
    const nonconformities = found.filter((f) => f.severity !== 'observation').length;
    const refs: Ref[] = found.map(() => ({}));
    const reported = this.at(endDay + r.int(1, 5) * DAY, `audit ${year} held`, () => {
      if (!audit.id) return;
      updateAudit(ws, audit.id, {
        status: 'done',
        actualStart: isoDay(day),
        actualEnd: isoDay(endDay),
        summary: `${nonconformities} điểm không phù hợp, ${found.length - nonconformities} khuyến nghị. HTQLCL được duy trì phù hợp.`,
      });
      const department = (k: number) => {
        const list = this.departments(team, picks[k % 7]);
        return list[0] ?? '';
      };
      found.forEach((f, i) => {
        const input: FindingInput = {
          source: 'internal_audit',
          auditId: audit.id,
          severity: f.severity,
          clause: f.clause,
          procedureCode: f.procedureCode,
          department: department(i),
          description: f.description,
          evidence: f.evidence,
          foundDate: isoDay(endDay),
          correctiveAction: f.plan?.input,
        };
        refs[i].id = recordFinding(ws, input).action?.id;
      });
    });
    found.forEach((f, i) => f.plan && this.followUp(refs[i], f.plan, () => team.find((m) => m.role === 'lead')?.fullName ?? fallbackLead, reported));
    if (reviewDay !== null) this.review(reviewDay, year, found.length, nonconformities);
  }

  /** The audit team at the time: a certified auditor leads (a district borrows its province's), trained staff join. */
  private team(day: number, picks: number[], fallbackLead: string): TeamMemberInput[] {
    const iso = isoDay(day);
    const certified = (p: StaffRef) => !!p.id && !!p.certifiedOn && p.certifiedOn <= iso && addMonths(p.certifiedOn, CERT_MONTHS) >= iso && p.hiredAt < day;
    const trained = (p: StaffRef) => !!p.id && !!p.auditTrained && p.hiredAt < day;
    const own = this.staff;
    const parent = this.u.type === 'district' && this.u.parentCode ? (this.g.staff.get(this.u.parentCode) ?? []) : [];
    const pick = <T>(list: T[], x: number) => list[Math.floor(x * list.length)];
    const leadPool = [own.filter(certified), parent.filter(certified), own.filter(trained)].find((l) => l.length > 0) ?? [];
    const lead = leadPool.length ? pick(leadPool, picks[0]) : null;
    const members = own.filter((p) => p !== lead && (trained(p) || certified(p)));
    const size = Math.min(members.length, 1 + Math.floor(picks[1] * 3));
    const chosen: StaffRef[] = [];
    for (let k = 0; k < size; k++) {
      const m = pick(members.filter((x) => !chosen.includes(x)), picks[2 + k]);
      if (m) chosen.push(m);
    }
    const entry = (p: StaffRef, role: 'lead' | 'member'): TeamMemberInput => ({
      role,
      fullName: p.fullName,
      staffId: p.id,
      department: p.department,
      internalAuditCourse: !!p.auditTrained,
    });
    return [
      lead ? entry(lead, 'lead') : { role: 'lead', fullName: fallbackLead, department: 'Văn phòng', internalAuditCourse: true },
      ...chosen.map((p) => entry(p, 'member')),
    ];
  }

  /** Two to four of the unit's departments, the auditors' own left out where possible (independence). */
  private departments(team: TeamMemberInput[], x: number): string[] {
    const all = [...new Set(this.staff.map((p) => p.department).filter(Boolean))].sort();
    const theirs = new Set(team.map((m) => m.department));
    const free = all.filter((d) => !theirs.has(d));
    const pool = free.length >= 2 ? free : all.length ? all : ['Văn phòng'];
    const n = 2 + Math.floor(x * 3);
    const offset = Math.floor(x * pool.length);
    return Array.from({ length: Math.min(n, pool.length) }, (_, k) => pool[(offset + k) % pool.length]);
  }

  /** A corrective action: owner, due date, and how it will go (mostly on time; some late; a few still open). */
  private actionPlan(opened: number, minDays: number, maxDays: number) {
    const { r } = this;
    const due = opened + r.int(minDays, maxDays) * DAY;
    const owner = `Trưởng ${r.pick(['phòng', 'bộ phận'])} ${r.pick(['Thu', 'Chế độ', 'Cấp sổ, thẻ', 'Tiếp nhận - Trả kết quả', 'Kế toán', 'Giám định', 'Văn phòng'])}`;
    const input: ActionInput = { owner, dueDate: isoDay(due), openedDate: isoDay(opened), rootCause: r.pick(ROOT_CAUSES), action: r.pick(CORRECTIONS) };
    const roll = r.next();
    const neverDone = opened > dayMs('2020-06-01') ? 0.07 : 0.012;
    let done: number | null;
    let started: number | null = null;
    if (roll < neverDone) {
      done = null;
      if (r.chance(0.5)) started = opened + r.int(5, 30) * DAY;
    } else if (roll < neverDone + 0.78) done = opened + r.int(5, Math.max(6, Math.round((due - opened) / DAY))) * DAY;
    else if (roll < neverDone + 0.92) done = due + r.int(5, 90) * DAY;
    else {
      started = opened + r.int(10, 30) * DAY;
      done = due + r.int(120, 300) * DAY;
    }
    const verified = done === null ? null : done + r.int(5, 30) * DAY;
    const ineffective = r.chance(0.05);
    const redone = verified === null ? null : verified + r.int(10, 40) * DAY;
    const reverified = redone === null ? null : redone + r.int(5, 20) * DAY;
    return { input, started, done, verified: r.chance(0.98) ? verified : null, ineffective, redone, reverified };
  }

  /** The action's later life: in progress, done, verified (once in a while not effective and done again). */
  private followUp(ref: Ref, plan: ReturnType<UnitWork['actionPlan']>, verifier: string | (() => string), recorded: number | null): void {
    const { ws } = this;
    if (recorded === null) return;
    const who = () => (typeof verifier === 'string' ? verifier : verifier());
    // Each step on a later day than the one before, the first after the action was recorded.
    let floor = Math.floor(recorded / DAY) * DAY;
    const after = (day: number | null) => (day === null ? null : (floor = Math.max(day, floor + DAY)));
    plan = { ...plan, started: after(plan.started), done: after(plan.done), verified: after(plan.verified), redone: after(plan.redone), reverified: after(plan.reverified) };
    if (plan.started !== null) this.at(plan.started, 'action in progress', () => ref.id && setActionStatus(ws, ref.id, 'in_progress'));
    if (plan.done === null) return;
    const done = plan.done;
    this.at(done, 'action done', () => ref.id && setActionStatus(ws, ref.id, 'done', isoDay(done)));
    if (plan.verified === null) return;
    const verified = plan.verified;
    this.at(verified, 'action verified', () => ref.id && verifyAction(ws, ref.id, { verifiedBy: who(), verifiedDate: isoDay(verified), effective: !plan.ineffective, note: plan.ineffective ? 'Chưa hiệu quả, tiếp tục khắc phục' : 'Đã khắc phục hiệu quả' }));
    if (!plan.ineffective || plan.redone === null || plan.reverified === null) return;
    const redone = plan.redone;
    const reverified = plan.reverified;
    this.at(redone, 'action done again', () => ref.id && setActionStatus(ws, ref.id, 'done', isoDay(redone)));
    this.at(reverified, 'action verified again', () => ref.id && verifyAction(ws, ref.id, { verifiedBy: who(), verifiedDate: isoDay(reverified), effective: true, note: 'Đã khắc phục hiệu quả' }));
  }

  /** The management review on its day, its decisions tracked as actions. */
  private review(day: number, year: number, findings: number, nonconformities: number): void {
    const { r, ws, unitId } = this;
    const decisions = take(r, REVIEW_DECISIONS, r.int(1, 2)).map((title) => ({ title, plan: this.actionPlan(day, 60, 180) }));
    const minutesNo = `${r.int(1, 60)}/BB-${this.u.type === 'district' ? 'BHXH' : 'VP'}`;
    const onTime = `${r.int(95, 99)},${r.int(0, 9)}%`;
    const satisfied = `${r.int(88, 99)}%`;
    const refs: Ref[] = decisions.map(() => ({}));
    const chair = this.head();
    const recorded = this.at(day + r.int(1, 7) * DAY, `management review ${year}`, () => {
      const { actions } = recordReview(ws, {
        unitId,
        reviewDate: isoDay(day),
        chair,
        attendees: 'Ban Giám đốc; Ban chỉ đạo ISO; trưởng các phòng, bộ phận',
        minutesNo,
        inputs: {
          auditResults: `Đánh giá nội bộ năm ${year}: ${nonconformities} điểm không phù hợp, ${findings - nonconformities} khuyến nghị`,
          feedback: 'Phản ánh của người dân, tổ chức chủ yếu về thời gian chờ tại bộ phận một cửa',
          processPerformance: `Tỷ lệ hồ sơ giải quyết đúng hạn ${onTime}; mức độ hài lòng ${satisfied}`,
          actionsStatus: 'Các hành động khắc phục kỳ trước đã hoàn thành, còn một số đang theo dõi',
          changes: 'Cập nhật các văn bản pháp luật mới về BHXH, BHYT',
          improvements: 'Đẩy mạnh giao dịch điện tử, rút ngắn thời gian giải quyết',
        },
        conclusions: 'HTQLCL phù hợp, được duy trì và cải tiến; giao các phòng thực hiện các hành động đã thống nhất.',
        decisions: decisions.map((d) => ({ title: d.title, owner: d.plan.input.owner, dueDate: d.plan.input.dueDate! })),
      });
      actions.forEach((a, i) => (refs[i].id = a.id));
    });
    decisions.forEach((d, i) => this.followUp(refs[i], d.plan, `Giám đốc ${chair}`, recorded));
  }

  /** Inspections by the level above (the province for a district, headquarters for a province), from 2015; findings due within 2 months. */
  inspections(): void {
    const { r, ws, unitId, u, h } = this;
    if (h.step3 === undefined) return;
    const inspector = u.type === 'district' ? `Đoàn kiểm tra ${this.g.tree.find((t) => t.code === u.parentCode)?.name ?? 'BHXH tỉnh'}` : 'Đoàn kiểm tra BHXH Việt Nam';
    for (let year = Math.max(2015, Number(h.step3.date.slice(0, 4)) + 1); year <= this.endYear; year++) {
      if (!r.chance(0.3)) continue;
      const day = dayMs(`${year}-04-01`) + r.int(0, 200) * DAY;
      const minutes = day + r.int(0, 5) * DAY;
      const deadline = dayMs(addMonths(isoDay(minutes), 2));
      const count = r.int(0, 3);
      const standard = this.standardOn(day);
      const found = Array.from({ length: count }, () => {
        const nc = r.pick(NONCONFORMITIES);
        const plan = this.actionPlan(minutes, 20, 55);
        if (plan.input.dueDate! > isoDay(deadline)) plan.input.dueDate = isoDay(deadline);
        return { clause: standard === '2008' ? nc[0] : nc[1], description: nc[2], plan };
      });
      const minutesNo = `${r.int(1, 120)}/BB-KT`;
      const onSite = r.chance(0.8);
      const refs: Ref[] = found.map(() => ({}));
      const recorded = this.at(minutes + r.int(1, 7) * DAY, `inspection ${year}`, () => {
        const inspection = recordInspection(ws, { unitId, inspector, inspectionDate: isoDay(day), minutesNo, minutesDate: isoDay(minutes), onSite });
        found.forEach((f, i) => {
          refs[i].id = recordFinding(ws, {
            source: 'inspection',
            inspectionId: inspection.id,
            severity: 'minor',
            clause: f.clause,
            description: f.description,
            foundDate: isoDay(minutes),
            correctiveAction: f.plan.input,
          }).action?.id;
        });
      });
      found.forEach((f, i) => this.followUp(refs[i], f.plan, inspector, recorded));
    }
  }

  /** Now and then a citizen's complaint becomes a nonconformity with its action. */
  complaints(): void {
    const { r, ws, unitId, u, h } = this;
    if (u.type === 'affiliated' || h.steps[2]?.end === undefined) return;
    for (let year = new Date(h.steps[2].end).getUTCFullYear() + 1; year <= this.endYear; year++) {
      if (!r.chance(0.12)) continue;
      const day = dayMs(`${year}-01-15`) + r.int(0, 330) * DAY;
      const standard = this.standardOn(day);
      const plan = this.actionPlan(day, 15, 45);
      const ref: Ref = {};
      const text = r.pick(['Người dân phản ánh trả kết quả hồ sơ chậm so với giấy hẹn', 'Doanh nghiệp phản ánh phải bổ sung hồ sơ nhiều lần', 'Người dân phản ánh thái độ giao tiếp của viên chức tiếp nhận']);
      const recorded = this.at(day + r.int(0, 3) * DAY, `complaint ${year}`, () => {
        const { finding } = recordFinding(ws, { source: 'complaint', unitId, severity: 'minor', clause: standard === '2008' ? '7.2.3' : '8.2.1', description: text, foundDate: isoDay(day) });
        ref.id = openAction(ws, { findingId: finding.id, ...plan.input }).id;
      });
      this.followUp(ref, plan, 'Phó Giám đốc', recorded);
    }
  }

  /** Difficulties and recommendations raised to headquarters: provinces yearly, others now and then; most answered. */
  feedback(): void {
    const { r, ws, unitId, u, h } = this;
    const first = h.steps[1]?.start;
    if (first === undefined) return;
    for (let year = new Date(first).getUTCFullYear(); year <= this.endYear; year++) {
      const n = u.type === 'province' ? r.int(0, 2) : r.chance(0.08) ? 1 : 0;
      for (let k = 0; k < n; k++) {
        const raised = Math.max(first + 30 * DAY, dayMs(`${year}-02-01`) + r.int(0, 300) * DAY);
        const [category, title] = r.weighted(FEEDBACK.map((f) => [[f[0], f[1]] as const, f[2]] as const));
        const ref: Ref = {};
        const details = `${u.name} đề nghị BHXH Việt Nam xem xét, hướng dẫn.`;
        this.at(raised, 'feedback raised', () => (ref.id = raiseFeedback(ws, { unitId, raisedDate: isoDay(raised), category, title, details }).id));
        if (!r.chance(0.85)) continue;
        const sent = raised + r.int(1, 10) * DAY;
        this.at(sent, 'feedback sent', () => ref.id && updateFeedback(ws, ref.id, { status: 'sent' }));
        if (!r.chance(0.7)) continue;
        const answered = sent + r.int(30, 120) * DAY;
        const answer = r.pick(['BHXH Việt Nam đã ban hành văn bản hướng dẫn thống nhất', 'Đề nghị đơn vị thực hiện theo quy trình khung hiện hành', 'Đã tiếp thu, sẽ điều chỉnh trong phiên bản quy trình tiếp theo']);
        this.at(answered, 'feedback answered', () => ref.id && updateFeedback(ws, ref.id, { status: 'answered', answer, answeredDate: isoDay(answered), answeredBy: 'Văn phòng BHXH Việt Nam' }));
        if (r.chance(0.5)) {
          const closed = answered + r.int(5, 40) * DAY;
          this.at(closed, 'feedback closed', () => ref.id && updateFeedback(ws, ref.id, { status: 'closed' }));
        }
      }
    }
  }
}
