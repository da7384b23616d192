import type { Rng } from './random';

/**
 * Vietnamese personal names with realistic frequencies: surname, a middle
 * name that usually marks gender, and a given name.
 */
const SURNAMES = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 4], ['Huỳnh', 2], ['Phan', 4.5],
  ['Vũ', 3], ['Võ', 2], ['Đặng', 2], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3],
  ['Dương', 1], ['Lý', 0.5], ['Đinh', 0.6], ['Trịnh', 0.5], ['Lương', 0.4], ['Mai', 0.4], ['Tạ', 0.3],
] as const;

const MIDDLE = {
  m: [['Văn', 40], ['Hữu', 8], ['Đức', 10], ['Minh', 10], ['Quang', 8], ['Công', 6], ['Thanh', 6], ['Xuân', 4], ['Tiến', 4], ['Ngọc', 3]],
  f: [['Thị', 55], ['Ngọc', 8], ['Thu', 8], ['Thanh', 7], ['Kim', 5], ['Thùy', 5], ['Hồng', 5], ['Mỹ', 3], ['Phương', 4]],
} as const;

const GIVEN = {
  m: ['An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hiếu', 'Hoàng', 'Hùng', 'Huy', 'Khánh', 'Khoa', 'Long', 'Mạnh', 'Nam',
    'Nghĩa', 'Phong', 'Phúc', 'Quân', 'Quý', 'Sơn', 'Tài', 'Thắng', 'Thành', 'Thịnh', 'Toàn', 'Trung', 'Tuấn', 'Tùng', 'Việt', 'Vinh'],
  f: ['Anh', 'Ánh', 'Bích', 'Chi', 'Diệp', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hồng', 'Huệ', 'Hương',
    'Lan', 'Liên', 'Linh', 'Loan', 'Mai', 'Ngân', 'Nhung', 'Oanh', 'Phương', 'Quyên', 'Tâm', 'Thảo', 'Thủy', 'Trang', 'Vân', 'Yến'],
} as const;

export function personName(rng: Rng): string {
  const sex = rng.chance(0.55) ? 'f' : 'm';
  return `${rng.weighted(SURNAMES)} ${rng.weighted(MIDDLE[sex])} ${rng.pick(GIVEN[sex])}`;
}

/** Positions in a provincial or district office, by role on the ISO team. */
export const POSITIONS = {
  province: {
    head: ['Giám đốc'],
    deputy: ['Phó Giám đốc'],
    secretary: ['Chánh Văn phòng', 'Phó Chánh Văn phòng', 'Chuyên viên Văn phòng'],
    member: [
      'Trưởng phòng Thu', 'Trưởng phòng Chế độ BHXH', 'Trưởng phòng Giám định BHYT', 'Trưởng phòng Kế hoạch - Tài chính',
      'Trưởng phòng Cấp sổ, thẻ', 'Trưởng phòng Tiếp nhận - Trả kết quả TTHC', 'Trưởng phòng Công nghệ thông tin',
      'Trưởng phòng Kiểm tra', 'Trưởng phòng Tổ chức cán bộ', 'Giám đốc Trung tâm Lưu trữ',
    ],
  },
  district: {
    head: ['Giám đốc'],
    deputy: ['Phó Giám đốc'],
    secretary: ['Chuyên viên', 'Kế toán trưởng'],
    member: ['Tổ trưởng Tổ Thu', 'Tổ trưởng Tổ Chế độ', 'Tổ trưởng Tổ Tiếp nhận - Trả kết quả', 'Viên chức Tổ Thu', 'Viên chức Tổ Cấp sổ, thẻ', 'Kế toán'],
  },
} as const;

/** Certification bodies: the issuers of step 3's certificates (units) and the organisations the improvement module records. */
export const CERTIFIERS = ['QUACERT', 'Vinacontrol CE', 'TQC', 'NQA Việt Nam'];

/** A plausible official number, e.g. `512/QĐ-BHXH`. */
export function decision(rng: Rng, kind = 'QĐ-BHXH'): string {
  return `${rng.int(12, 1890)}/${kind}`;
}
