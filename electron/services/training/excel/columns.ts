/**
 * The columns of the two sheets ISO Desk reads and writes. Headers are
 * matched loosely (no diacritics, any case, "(*)" and "(dd/mm/yyyy)" ignored)
 * and several usual spellings are accepted, so a list typed by hand in a
 * district works as well as the template.
 */
export type SheetKind = 'staff' | 'attendance';

export interface SheetColumn {
  key: string;
  header: string;
  headerEn: string;
  aliases: string[];
  type: 'text' | 'date' | 'choice';
  required?: boolean;
  max?: number;
  width: number;
  explain: string;
  example: string;
}

/** Values a choice column accepts: the canonical label first, then other spellings. */
export const choices = {
  isoRole: {
    none: ['Không', 'khong', 'khong co', '-'],
    leader: ['Lãnh đạo', 'lanh dao', 'truong ban', 'pho truong ban', 'to truong', 'to pho', 'truong ban chi dao', 'leader'],
    secretary: ['Thư ký', 'thu ky', 'thu ky iso', 'secretary'],
    member: ['Thành viên', 'thanh vien', 'thanh vien to iso', 'member'],
    internal_auditor: ['Chuyên gia đánh giá nội bộ', 'chuyen gia danh gia noi bo', 'chuyen gia danh gia', 'danh gia vien noi bo', 'internal auditor', 'auditor'],
  },
  status: {
    active: ['Đang làm việc', 'dang lam viec', 'dang cong tac', 'active'],
    left: ['Đã nghỉ', 'da nghi', 'nghi viec', 'nghi huu', 'chuyen cong tac', 'left'],
  },
  result: {
    passed: ['Đạt', 'dat', 'hoan thanh', 'passed', 'pass', 'x'],
    failed: ['Không đạt', 'khong dat', 'chua dat', 'truot', 'failed', 'fail'],
    absent: ['Vắng', 'vang', 'vang mat', 'khong tham du', 'absent'],
  },
} as const;

const common = {
  stt: { key: 'stt', header: 'STT', headerEn: 'No.', aliases: ['stt', 'tt', 'so tt', 'so thu tu'], type: 'text', width: 6, explain: 'Số thứ tự (không bắt buộc, không được đọc).', example: '1' },
  staffCode: {
    key: 'staffCode',
    header: 'Mã cán bộ',
    headerEn: 'Staff code',
    aliases: ['ma can bo', 'ma cb', 'ma nhan vien', 'ma so can bo', 'ma vien chuc', 'so hieu can bo', 'staff code'],
    type: 'text',
    max: 50,
    width: 14,
    explain: 'Mã cán bộ của đơn vị, nếu có. Dùng để nhận ra người đã có trong danh sách.',
    example: 'HP0123',
  },
  fullName: {
    key: 'fullName',
    header: 'Họ và tên (*)',
    headerEn: 'Full name',
    aliases: ['ho va ten', 'ho ten', 'ho va ten can bo', 'ho va ten hoc vien', 'ten can bo', 'full name', 'name'],
    type: 'text',
    required: true,
    max: 200,
    width: 28,
    explain: 'Bắt buộc. Họ và tên đầy đủ, có dấu.',
    example: 'Nguyễn Thị Lan',
  },
  birthDate: {
    key: 'birthDate',
    header: 'Ngày sinh (dd/mm/yyyy)',
    headerEn: 'Birth date',
    aliases: ['ngay sinh', 'ngay thang nam sinh', 'sinh ngay', 'birth date', 'date of birth'],
    type: 'date',
    width: 14,
    explain: 'Ngày/tháng/năm, ví dụ 15/10/1980, hoặc ô kiểu ngày của Excel. Cùng họ tên và ngày sinh trong một đơn vị là cùng một người.',
    example: '15/10/1980',
  },
  unit: {
    key: 'unit',
    header: 'Đơn vị (mã hoặc tên)',
    headerEn: 'Unit (code or name)',
    aliases: ['don vi', 'ma don vi', 'ten don vi', 'don vi cong tac', 'co quan', 'unit'],
    type: 'text',
    max: 200,
    width: 26,
    explain: 'Mã đơn vị (ví dụ 3101) hoặc tên (ví dụ BHXH quận Hồng Bàng). Để trống: lấy đơn vị chọn khi nhập.',
    example: '3101',
  },
  department: {
    key: 'department',
    header: 'Phòng/ban',
    headerEn: 'Department',
    aliases: ['phong ban', 'phong', 'bo phan', 'to', 'department'],
    type: 'text',
    max: 200,
    width: 20,
    explain: 'Phòng, ban hoặc bộ phận.',
    example: 'Phòng Thu',
  },
  position: {
    key: 'position',
    header: 'Chức vụ',
    headerEn: 'Position',
    aliases: ['chuc vu', 'chuc danh', 'position'],
    type: 'text',
    max: 200,
    width: 18,
    explain: 'Chức vụ hoặc chức danh.',
    example: 'Chuyên viên',
  },
  note: { key: 'note', header: 'Ghi chú', headerEn: 'Note', aliases: ['ghi chu', 'note'], type: 'text', max: 2000, width: 24, explain: 'Tùy ý.', example: '' },
} satisfies Record<string, SheetColumn>;

const label = (c: Record<string, readonly string[]>) => Object.values(c).map((v) => v[0]).join(', ');

export const staffColumns: SheetColumn[] = [
  common.stt,
  common.staffCode,
  common.fullName,
  common.birthDate,
  common.unit,
  common.department,
  common.position,
  {
    key: 'isoRole',
    header: 'Vai trò ISO',
    headerEn: 'ISO role',
    aliases: ['vai tro iso', 'vai tro', 'vai tro trong to iso', 'iso role'],
    type: 'choice',
    width: 22,
    explain: `Một trong: ${label(choices.isoRole)}. Để trống: không có vai trò.`,
    example: 'Thành viên',
  },
  { key: 'phone', header: 'Điện thoại', headerEn: 'Phone', aliases: ['dien thoai', 'so dien thoai', 'sdt', 'dt', 'phone'], type: 'text', max: 50, width: 14, explain: 'Số điện thoại liên hệ.', example: '0912345678' },
  { key: 'email', header: 'Email', headerEn: 'Email', aliases: ['email', 'thu dien tu', 'e mail'], type: 'text', max: 200, width: 24, explain: 'Địa chỉ thư điện tử.', example: 'lan.nt@haiphong.vss.gov.vn' },
  {
    key: 'status',
    header: 'Trạng thái',
    headerEn: 'Status',
    aliases: ['trang thai', 'tinh trang', 'status'],
    type: 'choice',
    width: 16,
    explain: `Một trong: ${label(choices.status)}. Để trống: đang làm việc.`,
    example: 'Đang làm việc',
  },
  common.note,
];

export const attendanceColumns: SheetColumn[] = [
  common.stt,
  common.staffCode,
  common.fullName,
  common.birthDate,
  common.unit,
  common.department,
  common.position,
  {
    key: 'result',
    header: 'Kết quả (*)',
    headerEn: 'Result',
    aliases: ['ket qua', 'ket qua hoc tap', 'danh gia', 'xep loai', 'result'],
    type: 'choice',
    required: true,
    width: 12,
    explain: `Bắt buộc. Một trong: ${label(choices.result)}.`,
    example: 'Đạt',
  },
  {
    key: 'certificateNo',
    header: 'Số chứng chỉ',
    headerEn: 'Certificate no.',
    aliases: ['so chung chi', 'so chung nhan', 'so giay chung nhan', 'chung chi so', 'certificate no', 'certificate number'],
    type: 'text',
    max: 100,
    width: 16,
    explain: 'Chỉ ghi khi kết quả là Đạt.',
    example: 'CC-2012/045',
  },
  {
    key: 'certificateDate',
    header: 'Ngày cấp (dd/mm/yyyy)',
    headerEn: 'Certificate date',
    aliases: ['ngay cap', 'ngay cap chung chi', 'ngay cap chung nhan', 'certificate date'],
    type: 'date',
    width: 14,
    explain: 'Ngày cấp chứng chỉ.',
    example: '20/10/2012',
  },
  {
    key: 'certificateExpiry',
    header: 'Ngày hết hạn (dd/mm/yyyy)',
    headerEn: 'Certificate expiry',
    aliases: ['ngay het han', 'het han', 'hieu luc den', 'co gia tri den', 'expiry', 'certificate expiry'],
    type: 'date',
    width: 14,
    explain: 'Nếu chứng chỉ có thời hạn. Để trống: tính theo thời hạn của khóa học (nếu có).',
    example: '20/10/2015',
  },
  common.note,
];

export const sheetColumns: Record<SheetKind, SheetColumn[]> = { staff: staffColumns, attendance: attendanceColumns };

export const sheetTitles: Record<SheetKind, { sheet: string; title: string }> = {
  staff: { sheet: 'Danh sách cán bộ', title: 'DANH SÁCH CÁN BỘ' },
  attendance: { sheet: 'Danh sách học viên', title: 'DANH SÁCH HỌC VIÊN THAM DỰ LỚP ĐÀO TẠO' },
};

/** Row of the headers in the sheets ISO Desk writes (title and hint above, data below). */
export const HEADER_ROW = 3;
