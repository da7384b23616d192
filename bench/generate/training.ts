import { referenceWaves } from '../../db/reference/units';
import { courseIdForCode } from '../../electron/services/training/courses';
import { addAttendance, createSession, type AttendanceInput } from '../../electron/services/training/sessions';
import { createStaff, type IsoRole } from '../../electron/services/training/staff';
import { unitIdForCode } from '../../electron/services/units/units';
import { DAY, dayMs, isoDay, officeTime } from './clock';
import type { AreaModule, GenContext, StaffRef } from './context';
import type { TreeUnit } from './geography';
import { personName } from './names';
import type { Rng } from './random';

const DEPARTMENTS = {
  province: ['Văn phòng', 'Phòng Thu', 'Phòng Chế độ BHXH', 'Phòng Giám định BHYT', 'Phòng Kế hoạch - Tài chính', 'Phòng Cấp sổ, thẻ', 'Phòng Kiểm tra', 'Phòng Công nghệ thông tin', 'Phòng Tiếp nhận - Trả kết quả TTHC'],
  district: ['Tổ Thu', 'Tổ Chế độ', 'Tổ Kế toán', 'Tổ Cấp sổ, thẻ', 'Tổ Tiếp nhận - Trả kết quả', 'Bộ phận Giám định'],
  affiliated: ['Phòng Hành chính - Tổng hợp', 'Phòng Nghiệp vụ', 'Phòng Kế toán'],
} as const;
const POSITIONS = ['Chuyên viên', 'Chuyên viên chính', 'Viên chức', 'Cán sự', 'Kế toán viên', 'Giám định viên'];
const PROVIDERS = ['Trung tâm Năng suất Việt Nam', 'Công ty Tư vấn ISO Tâm Việt', 'QUACERT', 'Viện Tiêu chuẩn Chất lượng'];

function staffSize(rng: Rng, unit: TreeUnit, scale: GenContext['scale']): number {
  if (scale === 'tiny') return unit.type === 'province' ? 15 : 6;
  if (unit.type === 'province') return rng.int(100, 140);
  if (unit.type === 'affiliated') return rng.int(30, 60);
  return rng.int(22, 40);
}

/**
 * Staff, training sessions and attendance, through the training services:
 * each unit's staff list is entered before its wave, with the ISO roles of
 * its team; the whole staff attends the awareness course at the start of the
 * wave, the team the document-writing course, the auditors the internal-audit
 * course (provinces: certified auditors, renewed every three years); later
 * the 2015 transition (2018) and refresher courses (2016, 2020, 2022) for all,
 * and some people hired over the years who join later sessions only.
 */
export const trainingModule: AreaModule = {
  area: 'training',
  issue: 4,
  status: 'ready',
  volume: '~30,000 staff, ~150,000 attendance records, certified internal auditors',
  tables: ['course_types', 'role_requirements', 'staff', 'training_sessions', 'attendance'],
  schedule(g: GenContext) {
    const { timeline: tl, ws } = g;
    const rng = g.rng.fork('training');
    const start = dayMs(g.history.start);
    const historyEnd = dayMs(g.history.end);

    for (const u of g.tree) {
      if (u.type === 'hq') continue;
      const r = rng.fork(u.code);
      // A merged unit keeps its people and records but holds no more sessions and hires no one.
      const end = Math.min(historyEnd, (g.activeUntil.get(u.code) ?? Infinity) - 1);
      const unitId = unitIdForCode(u.code);
      const ws0 = dayMs(referenceWaves.find((w) => w.key === u.wave)!.plannedStart);
      const departments = DEPARTMENTS[u.type === 'province' ? 'province' : u.type === 'affiliated' ? 'affiliated' : 'district'];
      const size = staffSize(r, u, g.scale);
      const auditors = u.type === 'province' ? r.int(4, 8) : r.int(1, 3);
      const people: StaffRef[] = [];
      const records = Array.from({ length: size }, (_, i) => {
        const role: IsoRole = i === 0 ? 'leader' : i === 1 ? 'secretary' : i < 2 + auditors ? 'internal_auditor' : i < 8 + auditors ? 'member' : 'none';
        const hired = i < size * 0.9 ? ws0 - 60 * DAY : ws0 + r.int(200, 3300) * DAY;
        const input = {
          unitId,
          fullName: personName(r),
          staffCode: `${u.code}-${String(i + 1).padStart(4, '0')}`,
          birthDate: isoDay(dayMs('1962-01-01') + r.int(0, 33 * 365) * DAY),
          department: r.pick(departments),
          position: i === 0 ? 'Giám đốc' : i === 1 ? 'Chánh Văn phòng' : r.pick(POSITIONS),
          isoRole: role,
        };
        const person: StaffRef = { hiredAt: hired, role, fullName: input.fullName, department: input.department, position: input.position };
        return { person, input };
      });
      g.staff.set(u.code, people);
      // The staff list is entered in one sitting before the wave; newcomers on their first days.
      const byDay = new Map<number, typeof records>();
      for (const rec of records) {
        const day = rec.person.hiredAt;
        if (day > end) continue;
        people.push(rec.person);
        byDay.set(day, [...(byDay.get(day) ?? []), rec]);
      }
      for (const [day, recs] of byDay) {
        tl.at(officeTime(Math.max(day, start + 8 * DAY), r.int(0, 539)), `staff of ${u.code}`, () => {
          for (const rec of recs) rec.person.id = createStaff(ws, rec.input).id;
        });
      }

      // A session of a course for the people it concerns, recorded some days after it ends.
      const session = (code: string, startDay: number, days: number, who: (p: StaffRef) => boolean, opts: { certificate?: boolean; title: string }) => {
        const endDay = startDay + (days - 1) * DAY;
        const recorded = officeTime(endDay + r.int(2, 9) * DAY, r.int(0, 539));
        if (recorded > end) return;
        const absentees = r.next();
        const provider = r.pick(PROVIDERS);
        const seeds = Array.from({ length: size }, () => r.next());
        tl.at(recorded, `${code} session of ${u.code}`, () => {
          const attendees = people.filter((p) => p.id && p.hiredAt < startDay && who(p));
          if (attendees.length === 0) return;
          const s = createSession(ws, {
            unitId,
            courseTypeId: courseIdForCode(code),
            title: opts.title,
            startDate: isoDay(startDay),
            endDate: isoDay(endDay),
            place: `Hội trường ${u.name}`,
            provider,
            budgetSpent: attendees.length * 250_000,
          });
          const entries: AttendanceInput[] = attendees.map((p, i) => {
            const absent = seeds[i % seeds.length] < 0.03 * absentees;
            if (absent) return { staffId: p.id!, result: 'absent' };
            if (!opts.certificate) return { staffId: p.id!, result: 'passed' };
            return { staffId: p.id!, result: 'passed', certificateNo: `${i + 1}/${isoDay(endDay).slice(0, 4)}/CC-ĐGNB`, certificateDate: isoDay(endDay) };
          });
          addAttendance(ws, s.id, entries);
          // Who is trained by now, for the audits planned later in the timeline.
          entries.forEach((e, i) => {
            if (e.result !== 'passed') return;
            if (code === 'DGNB' || code === 'CGDG') attendees[i].auditTrained = true;
            if (code === 'CGDG') attendees[i].certifiedOn = isoDay(endDay);
          });
        });
      };

      const team = (p: StaffRef) => p.role !== 'none';
      const auditorsOnly = (p: StaffRef) => p.role === 'internal_auditor';
      const all = () => true;
      session('NT', ws0 + r.int(5, 25) * DAY, 2, all, { title: 'Đào tạo nhận thức chung về ISO 9001:2008' });
      session('VTL', ws0 + r.int(35, 60) * DAY, 3, team, { title: 'Hướng dẫn xây dựng tài liệu, quy trình' });
      session('DGNB', ws0 + r.int(80, 110) * DAY, 3, (p) => auditorsOnly(p) || p.role === 'secretary', { title: 'Đào tạo đánh giá nội bộ' });
      if (u.type === 'province') {
        for (let y = new Date(ws0).getUTCFullYear() + 1; y <= new Date(historyEnd).getUTCFullYear(); y += 3) {
          session('CGDG', dayMs(`${y}-03-01`) + r.int(0, 60) * DAY, 5, auditorsOnly, { title: `Chuyên gia đánh giá nội bộ khóa ${y}`, certificate: true });
        }
      }
      session('CD2015', dayMs('2018-04-01') + r.int(0, 150) * DAY, 2, all, { title: 'Chuyển đổi sang TCVN ISO 9001:2015' });
      for (const y of [2016, 2020, 2022]) {
        session('BD', dayMs(`${y}-05-01`) + r.int(0, 100) * DAY, 1, all, { title: `Bồi dưỡng, cập nhật kiến thức ISO năm ${y}` });
      }
    }
  },
};
