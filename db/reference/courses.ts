/**
 * Course types and the courses each ISO role needs, as shipped. Editable
 * reference data, not law: the names follow seed 001's wording, the
 * certificate validity (36 months for certified internal auditors) is
 * [unverified] and can be changed in the app.
 */
export interface ReferenceCourse {
  code: string;
  name: string;
  kind: 'awareness' | 'documents' | 'internal_audit' | 'certified_auditor' | 'transition' | 'refresher' | 'other';
  validityMonths: number | null;
  description: string;
}

export const referenceCourses: ReferenceCourse[] = [
  {
    code: 'NT',
    name: 'Nhận thức chung về ISO 9001',
    kind: 'awareness',
    validityMonths: null,
    description: 'Đào tạo nhận thức chung về tiêu chuẩn ISO 9001 và HTQLCL cho cán bộ, viên chức.',
  },
  {
    code: 'VTL',
    name: 'Viết tài liệu, xây dựng quy trình',
    kind: 'documents',
    validityMonths: null,
    description: 'Hướng dẫn soạn thảo tài liệu, quy trình của HTQLCL theo mô hình khung.',
  },
  {
    code: 'DGNB',
    name: 'Đánh giá nội bộ',
    kind: 'internal_audit',
    validityMonths: null,
    description: 'Đào tạo kỹ năng đánh giá nội bộ HTQLCL.',
  },
  {
    code: 'CGDG',
    name: 'Chuyên gia đánh giá nội bộ (có chứng chỉ)',
    kind: 'certified_auditor',
    validityMonths: 36,
    description: 'Khóa cấp chứng chỉ chuyên gia đánh giá nội bộ; người đạt được đưa vào danh sách chuyên gia đánh giá.',
  },
  {
    code: 'CD2015',
    name: 'Chuyển đổi ISO 9001:2008 sang 9001:2015',
    kind: 'transition',
    validityMonths: null,
    description: 'Cập nhật các thay đổi của TCVN ISO 9001:2015 so với phiên bản 2008.',
  },
  {
    code: 'BD',
    name: 'Bồi dưỡng, cập nhật kiến thức',
    kind: 'refresher',
    validityMonths: null,
    description: 'Bồi dưỡng định kỳ cho thành viên Ban chỉ đạo, Tổ triển khai ISO.',
  },
];

/** role → codes of the courses it needs ('all' applies to every active staff member). */
export const referenceRequirements: Record<'all' | 'leader' | 'secretary' | 'member' | 'internal_auditor', string[]> = {
  all: [],
  leader: ['NT'],
  secretary: ['NT', 'VTL'],
  member: ['NT', 'VTL'],
  internal_auditor: ['NT', 'DGNB'],
};
