import { type Domain, starterProcedures } from '../../db/reference/procedures';
import { adoptForUnits, removeAdoption } from '../../electron/services/procedures/adoption';
import { attachBytes } from '../../electron/services/procedures/attachments';
import { createProcedure, getProcedure, loadStarterCatalogue, procedureIdForCode } from '../../electron/services/procedures/catalogue';
import { activeChecklist, checklistItemIdFor, leafClauses, migrateTo2015, selectStandard, setClauseStatus, type ClauseStatus } from '../../electron/services/procedures/checklists';
import {
  approveVersion,
  createDraft,
  recordLegalChange,
  recordReview as recordPeriodicReview,
  submitForReview,
  withdrawVersion,
  type VersionReason,
} from '../../electron/services/procedures/versions';
import { findRow } from '../../electron/services/records';
import { unitIdForCode } from '../../electron/services/units/units';
import { checklistItems } from '../../db/schema';
import { addMonths } from '../../electron/common/dates';
import { DAY, dayMs, isoDay, when } from './clock';
import type { AreaModule, GenContext } from './context';
import type { TreeUnit } from './geography';
import { decision, personName } from './names';
import { scanPdf } from './pdf';
import type { Rng } from './random';

/** The department owning a domain's procedures, as in the starter catalogue. */
const OWNER_ROLE: Record<Domain, string> = {
  thu: 'Phòng Quản lý thu',
  so_the: 'Phòng Cấp sổ, thẻ',
  cs_bhxh: 'Phòng Chế độ BHXH',
  cs_bhyt: 'Phòng Giám định BHYT',
  chi_tra: 'Phòng Kế hoạch - Tài chính',
  noi_bo: 'Văn phòng',
};

/** "Quy trình …" for a procedure named after what it handles (as the starter catalogue titles them). */
const procedureTitle = (subject: string) => `Quy trình ${subject.charAt(0).toLowerCase()}${subject.slice(1)}`;

/**
 * Framework procedures headquarters adds to the starter catalogue in 2013
 * (generated data: plausible titles of BHXH administrative and internal
 * procedures, not an official list): [code, domain, what it handles].
 */
const EXTRA_PROCEDURES: [string, Domain, string][] = [
  ['QT-THU-05', 'thu', 'Thu BHYT hộ gia đình qua đại lý thu'],
  ['QT-THU-06', 'thu', 'Hoàn trả tiền đã đóng BHXH, BHYT, BHTN'],
  ['QT-THU-07', 'thu', 'Xác nhận thời gian đóng BHXH'],
  ['QT-ST-03', 'so_the', 'Cấp sổ BHXH, thẻ BHYT lần đầu'],
  ['QT-ST-04', 'so_the', 'Gộp sổ BHXH'],
  ['QT-ST-05', 'so_the', 'Cấp thẻ BHYT cho người do ngân sách nhà nước đóng'],
  ['QT-CSXH-08', 'cs_bhxh', 'Giải quyết hưởng lương hưu'],
  ['QT-CSXH-09', 'cs_bhxh', 'Giải quyết hưởng trợ cấp BHXH hằng tháng'],
  ['QT-CSXH-10', 'cs_bhxh', 'Điều chỉnh, hủy quyết định hưởng chế độ BHXH'],
  ['QT-CSYT-03', 'cs_bhyt', 'Giám định chi phí khám bệnh, chữa bệnh BHYT'],
  ['QT-CSYT-04', 'cs_bhyt', 'Thanh toán chi phí khám bệnh, chữa bệnh BHYT đa tuyến'],
  ['QT-CT-03', 'chi_tra', 'Chi trả lương hưu, trợ cấp BHXH hằng tháng qua bưu điện'],
  ['QT-CT-04', 'chi_tra', 'Thu hồi số tiền hưởng BHXH không đúng quy định'],
  ['QT-NB-07', 'noi_bo', 'Tiếp nhận hồ sơ và trả kết quả thủ tục hành chính'],
  ['QT-NB-08', 'noi_bo', 'Xem xét của lãnh đạo'],
  ['QT-NB-09', 'noi_bo', 'Đo lường sự hài lòng của người dân, tổ chức'],
  ['QT-NB-10', 'noi_bo', 'Lưu trữ hồ sơ nghiệp vụ'],
];

/** New with the 2015 standard (risk-based thinking); QT-NB-06 (preventive action) is withdrawn then. */
const RISK_PROCEDURE = { code: 'QT-NB-11', domain: 'noi_bo' as Domain, ownerRole: OWNER_ROLE.noi_bo, title: procedureTitle('Quản lý rủi ro và cơ hội') };
const WITHDRAWN_AT_TRANSITION = 'QT-NB-06';
/** Handled by provinces only. */
const PROVINCE_ONLY = new Set(['QT-CSYT-02', 'QT-CSYT-04', 'QT-CSXH-04']);

/**
 * Legal changes headquarters folds into its procedures (generated data:
 * the references are plausible, dates approximate, [unverified]). `codes`
 * narrows a change to named procedures; otherwise most procedures of the
 * domains are affected. The last two are still open when the history ends
 * (one past its 3-month deadline).
 */
const LEGAL_CHANGES: { reference: string; title: string; effective: string; domains?: Domain[]; codes?: string[] }[] = [
  { reference: 'Luật số 46/2014/QH13', title: 'Sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế', effective: '2015-01-01', domains: ['thu', 'cs_bhyt', 'so_the'] },
  { reference: 'Luật số 58/2014/QH13', title: 'Luật Bảo hiểm xã hội', effective: '2016-01-01', domains: ['thu', 'cs_bhxh', 'chi_tra', 'so_the'] },
  { reference: 'Quyết định 636/QĐ-BHXH', title: 'Hồ sơ và quy trình giải quyết hưởng các chế độ BHXH', effective: '2016-06-01', domains: ['cs_bhxh', 'chi_tra'] },
  { reference: 'Quyết định 595/QĐ-BHXH', title: 'Quy trình thu BHXH, BHYT, BHTN; quản lý sổ BHXH, thẻ BHYT', effective: '2017-06-01', domains: ['thu', 'so_the'] },
  { reference: 'Nghị định 61/2018/NĐ-CP', title: 'Thực hiện cơ chế một cửa, một cửa liên thông', effective: '2018-06-21', codes: ['QT-NB-07', 'QT-NB-10'] },
  { reference: 'Nghị định 146/2018/NĐ-CP', title: 'Hướng dẫn biện pháp thi hành Luật Bảo hiểm y tế', effective: '2018-12-01', domains: ['cs_bhyt', 'so_the'] },
  { reference: 'Quyết định 166/QĐ-BHXH', title: 'Quy trình giải quyết hưởng các chế độ BHXH, chi trả các chế độ BHXH, BHTN', effective: '2019-03-01', domains: ['cs_bhxh', 'chi_tra'] },
  { reference: 'Quyết định 505/QĐ-BHXH', title: 'Sửa đổi, bổ sung quy trình thu, cấp sổ BHXH, thẻ BHYT', effective: '2020-05-01', domains: ['thu', 'so_the'] },
  { reference: 'Nghị định 45/2020/NĐ-CP', title: 'Thực hiện thủ tục hành chính trên môi trường điện tử', effective: '2020-05-22', codes: ['QT-NB-07', 'QT-NB-09'] },
  { reference: 'Quyết định 896/QĐ-BHXH', title: 'Sửa đổi quy trình giải quyết hưởng các chế độ BHXH', effective: '2021-07-01', domains: ['cs_bhxh'] },
  { reference: 'Công văn 1385/BHXH-CSYT', title: 'Hướng dẫn thanh toán chi phí khám bệnh, chữa bệnh BHYT', effective: '2022-05-01', domains: ['cs_bhyt'] },
  { reference: 'Công văn 2106/BHXH-QLT', title: 'Hướng dẫn thu BHXH đối với người lao động nước ngoài', effective: '2022-07-15', codes: ['QT-THU-01', 'QT-THU-03'] },
];

const TRANSITION = { from: '2018-09-01', days: 300, summary: 'Chuyển đổi theo TCVN ISO 9001:2015 (Quyết định 101/2018/QĐ-TTg): bổ sung bối cảnh, rủi ro và cơ hội' };
const FILL_REASONS: [VersionReason, string][] = [
  ['improvement', 'Rút ngắn thời gian giải quyết, đơn giản hóa biểu mẫu'],
  ['improvement', 'Bổ sung bước kiểm soát trên phần mềm nghiệp vụ'],
  ['audit_finding', 'Khắc phục điểm không phù hợp phát hiện qua đánh giá nội bộ'],
  ['reorganisation', 'Cập nhật trách nhiệm theo cơ cấu tổ chức mới'],
  ['improvement', 'Thống nhất mẫu biểu với hệ thống tiếp nhận hồ sơ điện tử'],
];
const SIGNERS = ['Tổng Giám đốc', 'Phó Tổng Giám đốc'];

/** A framework procedure headquarters issues, with its planned versions. */
interface Plan {
  code: string;
  title: string;
  domain: Domain;
  /** The unit owning it: headquarters, or a province for its own procedures. */
  ownerCode: string;
  created: number;
  versions: VersionPlan[];
  /** Day its version in force is withdrawn (QT-NB-06 at the 2015 transition). */
  withdrawn?: number;
  /** Version ids as the service gives them, by version number − 1. */
  ids: string[];
  /** The version in force as the timeline runs (what `procedures.current_version_id` holds). */
  current?: string | null;
  /** Unit code → the version it applies, as the timeline runs (the generator is the only writer). */
  applied: Map<string, string | null>;
}

interface VersionPlan {
  no: number;
  draft: number;
  submit: number;
  approve: number;
  reason: VersionReason;
  summary: string;
  legal?: { index: number; recorded: number };
}

/** The day each unit moves its system to the 2015 standard (checklists, audits, re-declaration). */
export function transitionDay(g: GenContext, code: string): number {
  const r = g.rng.fork(`transition:${code}`);
  return dayMs(TRANSITION.from) - 100 * DAY + r.int(0, 420) * DAY;
}

/**
 * Plans a procedure's versions: the first one on `firstDraft`, then one for
 * each legal change that affects it (most approved within the 3-month
 * deadline, some late, the newest ones still open), the 2015 transition, and
 * improvements until it has about five versions; a version never opens while
 * another is open, and one not approved by the end stays a draft or in review.
 */
function planVersions(r: Rng, firstDraft: number, end: number, legal: { index: number; recorded: number; effective: number }[], withTransition: boolean): VersionPlan[] {
  type Candidate = { approve: number; reason: VersionReason; summary: string; legal?: { index: number; recorded: number }; fill?: boolean };
  const v1Approve = firstDraft + r.int(25, 70) * DAY;
  const candidates: Candidate[] = [];
  for (const l of legal) {
    const roll = r.next();
    if (l.effective > dayMs('2022-04-01')) {
      candidates.push({ approve: end + 30 * DAY, reason: 'legal_change', summary: LEGAL_CHANGES[l.index].title, legal: l });
      continue;
    }
    const lag = roll < 0.85 ? r.int(20, 80) : r.int(95, 170);
    candidates.push({ approve: l.effective + lag * DAY, reason: 'legal_change', summary: `Cập nhật theo ${LEGAL_CHANGES[l.index].reference}`, legal: l });
  }
  if (withTransition) candidates.push({ approve: dayMs(TRANSITION.from) + r.int(0, TRANSITION.days) * DAY, reason: 'other', summary: TRANSITION.summary });
  const target = r.int(4, 6);
  for (let k = candidates.length + 1; k < target; k++) {
    const [reason, summary] = r.pick(FILL_REASONS);
    candidates.push({ approve: dayMs('2014-03-01') + r.int(0, 8 * 365) * DAY, reason, summary, fill: true });
  }
  candidates.sort((a, b) => a.approve - b.approve);
  const out: VersionPlan[] = [{ no: 1, draft: firstDraft, submit: firstDraft + r.int(7, 20) * DAY, approve: v1Approve, reason: 'initial', summary: 'Ban hành lần đầu theo mô hình khung' }];
  let previous = v1Approve;
  for (const c of candidates) {
    let approve = c.approve;
    if (approve < previous + 40 * DAY) {
      if (c.fill) continue;
      approve = previous + (40 + r.int(0, 15)) * DAY;
    }
    let draft = Math.max(previous + r.int(3, 10) * DAY, approve - r.int(25, 50) * DAY);
    if (c.legal) draft = Math.max(draft, c.legal.recorded + r.int(1, 6) * DAY);
    if (approve < draft + 10 * DAY) approve = draft + r.int(10, 20) * DAY;
    out.push({ no: out.length + 1, draft, submit: draft + Math.floor((approve - draft) / 2 / DAY) * DAY, approve, reason: c.reason, summary: c.summary, legal: c.legal && { ...c.legal } });
    previous = approve;
    if (draft > end) break;
  }
  return out;
}

/** Which of the framework procedures a unit applies. */
function appliesTo(unit: TreeUnit, plan: Plan): boolean {
  if (plan.ownerCode !== 'VN') return unit.code === plan.ownerCode || unit.parentCode === plan.ownerCode;
  if (unit.type === 'affiliated') return plan.domain === 'noi_bo';
  if (unit.type === 'district') return !PROVINCE_ONLY.has(plan.code);
  return true;
}

/** Statuses a unit gives the 2008 clauses on its first self-assessment (design is usually excluded). */
function firstStatus(r: Rng, clause: string): ClauseStatus {
  if (clause.startsWith('7.3.')) return 'not_applicable';
  if (clause === '7.6' && r.chance(0.6)) return 'not_applicable';
  return r.weighted([['conforms', 72], ['partly', 18], ['in_progress', 10]] as const);
}

/** Which internal procedure documents a 2008 clause that asks for one. */
const PROCEDURE_FOR_CLAUSE = new Map(starterProcedures.filter((p) => p.clause).map((p) => [p.clause!, p.code]));

/** Clauses new in 2015 that the migration cannot pre-fill. */
const NEW_2015 = ['4.1', '4.2', '6.1', '7.1.6', '8.5.5'];

/** Evidence files a unit attaches to its checklist (name, clause, size range in MB). */
const FIRST_FILES: [string, string, number, number][] = [
  ['Sổ tay chất lượng.pdf', '4.2.2', 1.5, 3.5],
  ['Quyết định ban hành chính sách chất lượng.pdf', '5.3', 0.2, 0.5],
  ['Danh mục tài liệu nội bộ.pdf', '4.2.3', 0.3, 0.8],
  ['Hồ sơ đào tạo nhận thức ISO.pdf', '6.2.2', 0.5, 1.5],
];
const TRANSITION_FILES: [string, string, number, number][] = [
  ['Bối cảnh của tổ chức và các bên quan tâm.pdf', '4.1', 0.4, 1.2],
  ['Sổ theo dõi rủi ro và cơ hội.pdf', '6.1', 0.4, 1.2],
  ['Phạm vi áp dụng HTQLCL.pdf', '4.3', 0.1, 0.4],
];
/** Yearly evidence: [name, clause in 2008, clause in 2015, MB range]. */
const YEARLY_FILES: [(y: number) => string, string, string, number, number][] = [
  [(y) => `Báo cáo đánh giá nội bộ năm ${y}.pdf`, '8.2.2', '9.2.2', 0.3, 1.5],
  [(y) => `Biên bản họp xem xét của lãnh đạo năm ${y}.pdf`, '5.6.1', '9.3.3', 0.2, 0.8],
  [(y) => `Mục tiêu chất lượng năm ${y}.pdf`, '5.4.1', '6.2', 0.1, 0.4],
];

const MB = 1024 * 1024;

/**
 * Procedures, versions, legal changes, adoptions, self-assessment checklists
 * and attachments, through the procedures services: headquarters loads the
 * starter catalogue and issues ~40 framework procedures in 2012–2013, each
 * revised to about five versions over ten years (legal changes, mostly folded
 * in within 3 months; the 2015 transition in 2018–2019; improvements), with
 * yearly periodic reviews; every unit adopts the versions in force once its
 * step 1 is done, and each new version some weeks after it is issued (a few
 * units months late); each province issues two procedures of its own; every
 * unit assesses itself against the 2008 clauses in step 2 and migrates to
 * 2015; attachments are generated scanned-document PDFs stored by the
 * attachment service.
 */
export const proceduresModule: AreaModule = {
  area: 'procedures',
  issue: 3,
  status: 'ready',
  volume:
    '~40 framework procedures × ~5 versions, 12 legal changes, adopted by every unit; 2 own procedures per province; 2008 → 2015 checklists; PDF attachments ≥ 500 MB at province scale',
  tables: ['procedures', 'procedure_versions', 'legal_changes', 'attachments', 'adoptions', 'unit_checklists', 'checklist_items'],
  schedule(g: GenContext) {
    const { timeline: tl, ws } = g;
    const rng = g.rng.fork('procedures');
    const start = dayMs(g.history.start);
    const end = dayMs(g.history.end);
    const hqId = unitIdForCode('VN');
    const byCode = new Map(g.tree.map((u) => [u.code, u]));

    /** An attachment written through the service, bytes from the seed; skipped for units without files. */
    const attach = (ownerCode: string, subject: { type: 'procedure_version' | 'checklist_item'; id: () => string | undefined }, name: string, title: string, subtitle: string, mb: number, seed: number, day: number) => {
      const owner = byCode.get(ownerCode);
      if (g.files.mode === 'none' || !g.files.wants(ownerCode, owner?.parentCode ?? null)) return undefined;
      const bytes = Math.max(2048, Math.round(mb * MB * g.files.scale));
      return async () => {
        const subjectId = subject.id();
        if (!subjectId) return;
        await attachBytes(ws, { subjectType: subject.type, subjectId, name }, scanPdf({ title, subtitle, bytes, seed, date: isoDay(day) }));
      };
    };

    // 1. The catalogue: the starter procedures, then headquarters' further ones during 2013.
    tl.at(when(rng, start + 14 * DAY), 'starter catalogue', () => loadStarterCatalogue(ws));
    const legalByProcedure = new Map<string, { index: number; recorded: number; effective: number }[]>();
    const legalRecorded = LEGAL_CHANGES.map((l, index) => ({ index, effective: dayMs(l.effective), recorded: dayMs(l.effective) + rng.int(-25, 10) * DAY }));
    const hqPlans: Plan[] = [];
    const catalogue = [
      ...starterProcedures.map((p) => ({ code: p.code, domain: p.domain, ownerRole: p.ownerRole, title: p.title, starter: true })),
      ...EXTRA_PROCEDURES.map(([code, domain, subject]) => ({ code, domain, ownerRole: OWNER_ROLE[domain], title: procedureTitle(subject), starter: false })),
    ];
    for (const p of catalogue) {
      const r = rng.fork(p.code);
      const created = p.starter ? start + 14 * DAY : dayMs('2012-12-01') + r.int(0, 240) * DAY;
      const firstDraft = p.starter ? start + r.int(16, 90) * DAY : created + r.int(1, 20) * DAY;
      const legal = legalRecorded.filter((l) => {
        const def = LEGAL_CHANGES[l.index];
        return def.codes ? def.codes.includes(p.code) : def.domains!.includes(p.domain) && r.chance(0.8);
      });
      legalByProcedure.set(p.code, legal);
      // The withdrawn procedure gets no version after its withdrawal.
      const withdrawn = p.code === WITHDRAWN_AT_TRANSITION ? dayMs(TRANSITION.from) + r.int(20, 90) * DAY : undefined;
      const versions = planVersions(r, firstDraft, withdrawn ? withdrawn - 60 * DAY : end, legal, !withdrawn).filter((v) => !withdrawn || v.approve < withdrawn - 5 * DAY);
      const plan: Plan = { code: p.code, title: p.title, domain: p.domain, ownerCode: 'VN', created, versions, withdrawn, ids: [], applied: new Map() };
      hqPlans.push(plan);
      if (!p.starter) {
        tl.at(when(r, created), `create procedure ${p.code}`, () =>
          createProcedure(ws, { code: p.code, title: p.title, domain: p.domain, origin: 'hq', ownerRole: p.ownerRole }, { ownerId: hqId }),
        );
      }
    }
    {
      const r = rng.fork(RISK_PROCEDURE.code);
      const created = dayMs(TRANSITION.from) + r.int(0, 30) * DAY;
      const { code, title, domain, ownerRole } = RISK_PROCEDURE;
      const versions = planVersions(r, created + r.int(1, 10) * DAY, end, [], false);
      hqPlans.push({ code, title, domain, ownerCode: 'VN', created, versions, ids: [], applied: new Map() });
      tl.at(when(r, created), `create procedure ${code}`, () => createProcedure(ws, { code, title, domain, origin: 'hq', ownerRole }, { ownerId: hqId }));
    }

    // Legal changes, recorded by headquarters against each procedure they affect.
    const legalIds = new Map<string, string>();
    for (const l of legalRecorded) {
      const def = LEGAL_CHANGES[l.index];
      const affected = [...legalByProcedure].filter(([, ls]) => ls.some((x) => x.index === l.index)).map(([code]) => code);
      tl.at(when(rng, l.recorded), `legal change ${def.reference}`, () => {
        for (const code of affected) {
          const change = recordLegalChange(ws, { procedureId: procedureIdForCode(code), reference: def.reference, title: def.title, effectiveDate: def.effective });
          legalIds.set(`${code}|${l.index}`, change.id);
        }
      });
    }

    // 2. Provinces' own procedures, written during their step 1.
    const provincePlans: Plan[] = [];
    for (const u of g.tree.filter((t) => t.type === 'province')) {
      const h = g.unitHistory.get(u.code);
      const step1 = h?.steps[1];
      if (!step1) continue;
      const r = rng.fork(`own:${u.code}`);
      const own = [
        { code: `QT-${u.code}-01`, title: `Quy trình tiếp nhận, trả kết quả hồ sơ qua dịch vụ bưu chính công ích (${u.name})`, ownerRole: 'Bộ phận Tiếp nhận - Trả kết quả' },
        { code: `QT-${u.code}-02`, title: `Quy trình kiểm tra, giám sát việc thực hiện HTQLCL (${u.name})`, ownerRole: 'Văn phòng' },
      ];
      for (const p of own) {
        const created = step1.start + r.int(5, 30) * DAY;
        if (created > h.lastDay) continue;
        const versions = planVersions(r, created + r.int(1, 10) * DAY, h.lastDay, [], r.chance(0.7)).slice(0, r.int(2, 3));
        provincePlans.push({ code: p.code, title: p.title, domain: 'noi_bo', ownerCode: u.code, created, versions, ids: [], applied: new Map() });
        tl.at(when(r, created), `create procedure ${p.code}`, () =>
          createProcedure(ws, { code: p.code, title: p.title, domain: 'noi_bo', origin: 'province', ownerRole: p.ownerRole }, { ownerId: unitIdForCode(u.code) }),
        );
      }
    }

    // 3. Versions: draft → review → approval by decision, the files, yearly periodic reviews.
    for (const plan of [...hqPlans, ...provincePlans]) {
      const r = rng.fork(`versions:${plan.code}`);
      const procedureId = procedureIdForCode(plan.code);
      const owner = byCode.get(plan.ownerCode);
      const signerTitle = plan.ownerCode === 'VN' ? SIGNERS : ['Giám đốc', 'Phó Giám đốc'];
      const kind = plan.ownerCode === 'VN' ? 'QĐ-BHXH' : `QĐ-BHXH${plan.ownerCode}`;
      plan.versions.forEach((v, i) => {
        const next = plan.versions[i + 1];
        const lastDay = plan.ownerCode === 'VN' ? end : (g.unitHistory.get(plan.ownerCode)?.lastDay ?? end);
        if (v.draft > lastDay) return;
        tl.at(when(r, v.draft), `draft ${plan.code} v${v.no}`, () => {
          const legalChangeId = v.legal ? legalIds.get(`${plan.code}|${v.legal.index}`) : undefined;
          const draft = createDraft(ws, { procedureId, summary: v.summary, reason: legalChangeId ? 'legal_change' : v.reason === 'legal_change' ? 'improvement' : v.reason, legalChangeId });
          plan.ids[v.no - 1] = draft.id;
        });
        if (v.submit > lastDay) return;
        tl.at(when(r, v.submit), `submit ${plan.code} v${v.no}`, () => submitForReview(ws, plan.ids[v.no - 1]));
        if (v.approve > lastDay) return;
        const decisionNo = decision(r, kind);
        const signer = `${r.pick(signerTitle)} ${personName(r)}`;
        const approvedAt = when(r, v.approve);
        tl.at(approvedAt, `approve ${plan.code} v${v.no}`, () =>
          (plan.current = approveVersion(ws, plan.ids[v.no - 1], { decisionNo, decisionDate: isoDay(v.approve), signer }).id),
        );
        const subject = { type: 'procedure_version' as const, id: () => plan.ids[v.no - 1] };
        const title = `${plan.code} ${plan.title} - phiên bản ${v.no}`;
        const doc = attach(plan.ownerCode, subject, `${plan.code} phiên bản ${v.no}.pdf`, title, `Ban hành kèm theo Quyết định số ${decisionNo} ngày ${isoDay(v.approve).split('-').reverse().join('/')}`, 0.3 + r.next() * 1.2, r.int(1, 2 ** 31), v.approve);
        if (doc) tl.at(approvedAt + 60_000, `file of ${plan.code} v${v.no}`, doc);
        const scan = attach(plan.ownerCode, subject, `Quyết định ${decisionNo.replace('/', '-')}.pdf`, `Quyết định số ${decisionNo}`, `${owner?.name ?? ''}, ${signer}`, 0.1 + r.next() * 0.3, r.int(1, 2 ** 31), v.approve);
        if (scan) tl.at(approvedAt + 120_000, `decision scan of ${plan.code} v${v.no}`, scan);
        // Periodic reviews of the version in force until the next one (a few late or missed).
        let last = v.approve;
        const until = Math.min(next && next.approve <= lastDay ? next.approve : Infinity, plan.withdrawn ?? Infinity, lastDay);
        for (;;) {
          const due = dayMs(addMonths(isoDay(last), 12));
          const roll = r.next();
          if (roll < 0.05) break;
          const day = roll < 0.9 ? due - r.int(0, 25) * DAY : due + r.int(10, 60) * DAY;
          if (day >= until - DAY) break;
          tl.at(when(r, day), `periodic review ${plan.code} v${v.no}`, () => recordPeriodicReview(ws, plan.ids[v.no - 1], { date: isoDay(day) }));
          last = day;
        }
      });
      if (plan.withdrawn && plan.withdrawn <= end) {
        const at = plan.withdrawn;
        tl.at(when(r, at), `withdraw ${plan.code}`, () => {
          const current = getProcedure(ws, procedureId).currentVersionId;
          if (current) withdrawVersion(ws, current, { date: isoDay(at), note: 'TCVN ISO 9001:2015 không còn yêu cầu hành động phòng ngừa' });
          plan.current = null;
        });
      }
    }

    // 4. Adoptions: each unit applies the versions in force once its step 1 is done, then each new one weeks after issue.
    const units = g.tree.filter((u) => u.type !== 'hq');
    const adoptionStart = new Map<string, number>();
    for (const u of units) {
      const h = g.unitHistory.get(u.code);
      const done1 = h?.steps[1]?.end;
      if (done1 === undefined) continue;
      const r = rng.fork(`adopt:${u.code}`);
      const at = done1 + r.int(1, 10) * DAY;
      if (at > h!.lastDay) continue;
      adoptionStart.set(u.code, at);
    }
    /**
     * Brings units up to the procedure's version in force (the service refuses
     * inactive units; those are left out here). What each unit applies is kept
     * in memory rather than read back: it saves a query per adoption.
     */
    const upToDate = (plan: Plan, codes: string[], day: number) => () => {
      const current = plan.current;
      if (!current) return;
      const behind = codes.filter((code) => plan.applied.get(code) !== current);
      if (behind.length === 0) return;
      adoptForUnits(ws, { versionId: current, unitIds: behind.map(unitIdForCode), since: isoDay(day) });
      for (const code of behind) plan.applied.set(code, current);
    };
    for (const u of units) {
      const at = adoptionStart.get(u.code);
      if (at === undefined) continue;
      const r = rng.fork(`adopt-first:${u.code}`);
      // Procedures that exist by then (the first event brings the unit to whatever is in force).
      const mine = [...hqPlans, ...provincePlans].filter((p) => appliesTo(u, p) && p.created < at - DAY);
      tl.at(when(r, at), `adopt framework at ${u.code}`, () => {
        for (const plan of mine) upToDate(plan, [u.code], at)();
      });
    }
    for (const plan of [...hqPlans, ...provincePlans]) {
      const r = rng.fork(`adopt-versions:${plan.code}`);
      const groups = new Map<string, TreeUnit[]>();
      for (const u of units) {
        if (!appliesTo(u, plan) || !adoptionStart.has(u.code)) continue;
        const key = u.type === 'affiliated' ? u.code : u.type === 'province' ? u.code : u.parentCode!;
        groups.set(key, [...(groups.get(key) ?? []), u]);
      }
      for (const v of plan.versions) {
        for (const [key, members] of groups) {
          const day = v.approve + r.int(14, 60) * DAY;
          const onTime: string[] = [];
          for (const m of members) {
            const h = g.unitHistory.get(m.code)!;
            const late = r.chance(0.08) ? r.int(60, 220) * DAY : 0;
            const mDay = day + late;
            if (adoptionStart.get(m.code)! >= mDay || mDay > h.lastDay) continue;
            if (late) tl.at(when(r, mDay), `adopt ${plan.code} v${v.no} late at ${m.code}`, upToDate(plan, [m.code], mDay));
            else onTime.push(m.code);
          }
          if (onTime.length) tl.at(when(r, day), `adopt ${plan.code} v${v.no} in ${key}`, upToDate(plan, onTime, day));
        }
      }
      if (plan.withdrawn) {
        for (const [key, members] of groups) {
          const day = plan.withdrawn + r.int(14, 45) * DAY;
          const codes = members.filter((m) => adoptionStart.get(m.code)! < day && day <= g.unitHistory.get(m.code)!.lastDay).map((m) => m.code);
          if (!codes.length) continue;
          tl.at(when(r, day), `stop applying ${plan.code} in ${key}`, () => {
            for (const code of codes) {
              if (!plan.applied.get(code)) continue;
              removeAdoption(ws, unitIdForCode(code), procedureIdForCode(plan.code));
              plan.applied.set(code, null);
            }
          });
        }
      }
    }

    // 5. Self-assessment checklists: 2008 in step 2, yearly evidence, migration to 2015.
    const leaves2008 = leafClauses('2008').map((c) => c.clause);
    for (const u of units) {
      const h = g.unitHistory.get(u.code)!;
      const step2 = h.steps[2];
      if (!step2) continue;
      const r = rng.fork(`checklist:${u.code}`);
      const unitId = unitIdForCode(u.code);
      const opened = step2.start + r.int(0, 5) * DAY;
      if (opened > h.lastDay) continue;
      tl.at(when(r, opened), `checklist of ${u.code}`, () => selectStandard(ws, { unitId, standard: '2008', startedDate: isoDay(opened) }));
      const assessed = step2.end ? Math.max(opened + 7 * DAY, step2.end - r.int(25, 40) * DAY) : opened + r.int(50, 90) * DAY;
      if (assessed > h.lastDay) continue;
      const statuses = leaves2008.map((c) => [c, firstStatus(r, c)] as const);
      const assessedAt = when(r, assessed);
      tl.at(assessedAt, `self-assessment of ${u.code}`, () => {
        for (const [clause, status] of statuses) {
          const code = PROCEDURE_FOR_CLAUSE.get(clause);
          const version = code ? getProcedure(ws, procedureIdForCode(code)).currentVersionId : null;
          setClauseStatus(ws, {
            unitId,
            clause,
            status,
            note: status === 'not_applicable' ? 'Loại trừ: đơn vị không có hoạt động thiết kế, phát triển' : '',
            evidenceVersionIds: version ? [version] : undefined,
          });
        }
      });
      FIRST_FILES.forEach(([name, clause, lo, hi], k) => {
        const job = attach(u.code, { type: 'checklist_item', id: () => checklistItemIdFor(unitId, '2008', clause) }, name, `${name.replace(/\.pdf$/, '')} - ${u.name}`, `Năm ${isoDay(assessed).slice(0, 4)}`, lo + r.next() * (hi - lo), r.int(1, 2 ** 31), assessed);
        if (job) tl.at(assessedAt + (k + 1) * 60_000, `file ${clause} of ${u.code}`, job);
      });
      // Clauses that improve over the years, one a year.
      const weak = statuses.filter(([, s]) => s === 'partly' || s === 'in_progress').map(([c]) => c);
      // A unit that assessed itself late moves to 2015 some weeks after that.
      const migrated = Math.max(transitionDay(g, u.code), assessed + r.int(30, 90) * DAY);
      h.transition = migrated;
      for (const up of h.upkeep) {
        const yearly = up.recorded + r.int(1, 20) * DAY;
        if (yearly > h.lastDay) break;
        const standardThen = yearly >= migrated + DAY ? '2015' : '2008';
        const yearlyAt = when(r, yearly);
        YEARLY_FILES.forEach(([name, c2008, c2015, lo, hi], k) => {
          const job = attach(u.code, { type: 'checklist_item', id: () => yearlyItem(unitId, c2008, c2015) }, name(up.year), `${name(up.year).replace(/\.pdf$/, '')} - ${u.name}`, '', lo + r.next() * (hi - lo), r.int(1, 2 ** 31), yearly);
          if (job) tl.at(yearlyAt + k * 60_000, `yearly file ${up.year} ${c2008}/${c2015} of ${u.code}`, job);
        });
        const fixed = weak.shift();
        if (fixed && standardThen === '2008') {
          tl.at(when(r, yearly), `clause ${fixed} conforms at ${u.code}`, () => {
            if (activeChecklist(ws, unitId)?.standard === '2008') setClauseStatus(ws, { unitId, clause: fixed, status: 'conforms' });
          });
        }
      }
      if (migrated <= h.lastDay && assessed < migrated) {
        const migratedAt = when(r, migrated);
        tl.at(migratedAt, `migrate ${u.code} to 2015`, () => migrateTo2015(ws, { unitId, startedDate: isoDay(migrated) }));
        const filled = migrated + r.int(10, 45) * DAY;
        if (filled <= h.lastDay) {
          const news = NEW_2015.map((c) => [c, r.weighted([['conforms', 60], ['partly', 25], ['in_progress', 15]] as const)] as const);
          const filledAt = when(r, filled);
          tl.at(filledAt, `2015 clauses of ${u.code}`, () => {
            for (const [clause, status] of news) setClauseStatus(ws, { unitId, clause, status });
          });
          TRANSITION_FILES.forEach(([name, clause, lo, hi], k) => {
            const job = attach(u.code, { type: 'checklist_item', id: () => checklistItemIdFor(unitId, '2015', clause) }, name, `${name.replace(/\.pdf$/, '')} - ${u.name}`, 'TCVN ISO 9001:2015', lo + r.next() * (hi - lo), r.int(1, 2 ** 31), filled);
            if (job) tl.at(filledAt + (k + 1) * 60_000, `file ${clause} of ${u.code}`, job);
          });
        }
      }
    }

    /** The item a yearly file goes to, in the checklist in use (created as conforming when the unit had not assessed it). */
    function yearlyItem(unitId: string, clause2008: string, clause2015: string): string | undefined {
      const checklist = activeChecklist(ws, unitId);
      if (!checklist) return undefined;
      const clause = checklist.standard === '2015' ? clause2015 : clause2008;
      const id = checklistItemIdFor(unitId, checklist.standard, clause);
      const item = findRow(ws, checklistItems, id);
      if (!item || item.deleted) return setClauseStatus(ws, { unitId, clause, status: 'conforms' }).id;
      return id;
    }
  },
};
