import type { Catalogue } from './types';

/** Errors of the training area: staff, courses, sessions, attendance and Excel import. */
export const trainingErrors = {
  COURSE_CODE_TAKEN: { vi: 'Mã khóa học "{code}" đã được dùng cho {name}.', en: 'Course code "{code}" is already used by {name}.' },
  STAFF_CODE_TAKEN: {
    vi: 'Mã cán bộ "{code}" đã được dùng cho {name} tại {unit}.',
    en: 'Staff code "{code}" is already used by {name} at {unit}.',
  },
  STAFF_DUPLICATE: {
    vi: '{name} (sinh ngày {birthDate}) đã có trong danh sách cán bộ của {unit}.',
    en: '{name} (born {birthDate}) is already on the staff list of {unit}.',
  },
  STAFF_MERGE_SELF: { vi: 'Không thể gộp một cán bộ với chính người đó.', en: 'A staff record cannot be merged into itself.' },
  STAFF_MERGED: {
    vi: 'Hồ sơ cán bộ {name} đã được gộp vào hồ sơ khác.',
    en: 'The staff record of {name} has already been merged into another.',
  },
  ATTENDANCE_DUPLICATE: { vi: '{name} đã có trong danh sách học viên của lớp này.', en: '{name} is already on this session’s attendance list.' },
  CERTIFICATE_NEEDS_PASS: {
    vi: '{name}: chỉ học viên có kết quả “Đạt” mới có số chứng chỉ.',
    en: '{name}: only an attendee who passed can have a certificate number.',
  },
  EXCEL_UNREADABLE: {
    vi: 'Tệp "{fileName}" không phải là bảng tính Excel (.xlsx) đọc được. Hãy lưu lại dưới dạng Excel Workbook (.xlsx) rồi thử lại; chưa có gì được lưu.',
    en: 'File "{fileName}" is not a readable Excel workbook (.xlsx). Save it as an Excel Workbook (.xlsx) and try again; nothing was saved.',
  },
  EXCEL_TOO_BIG: { vi: 'Tệp quá lớn ({size} MB; tối đa {max} MB).', en: 'The file is too large ({size} MB; at most {max} MB).' },
  EXCEL_NO_HEADER: {
    vi: 'Không tìm thấy dòng tiêu đề trong 30 dòng đầu của tệp. Cần ít nhất cột “{required}”; hãy dùng mẫu tải về từ ISO Desk.',
    en: 'No header row was found in the first 30 rows. The column “{required}” is needed at least; use the template from ISO Desk.',
  },
  EXCEL_NO_ROWS: { vi: 'Tệp không có dòng dữ liệu nào bên dưới dòng tiêu đề.', en: 'The file has no data rows below the header row.' },
  IMPORT_HAS_PROBLEMS: {
    vi: 'Tệp còn {count} lỗi; chưa có gì được lưu. Sửa tệp rồi nhập lại, hoặc chọn “Chỉ nhập các dòng hợp lệ”.',
    en: 'The file still has {count} problems; nothing was saved. Fix the file and import again, or choose “Import valid rows only”.',
  },
  IMPORT_NOTHING_VALID: { vi: 'Không có dòng hợp lệ nào để nhập; chưa có gì được lưu.', en: 'There is no valid row to import; nothing was saved.' },
  XL_REQUIRED: { vi: 'Thiếu {column}.', en: '{column} is missing.' },
  XL_BAD_DATE: {
    vi: '“{value}” không phải là ngày hợp lệ (dd/mm/yyyy).',
    en: '“{value}” is not a valid date (dd/mm/yyyy).',
  },
  XL_FUTURE_DATE: { vi: 'Ngày {value} ở tương lai.', en: 'The date {value} is in the future.' },
  XL_DATE_ORDER: { vi: '{later} ({value}) trước {earlier}.', en: '{later} ({value}) is before {earlier}.' },
  XL_UNKNOWN_UNIT: {
    vi: 'Không có đơn vị “{value}” (nhập mã hoặc tên đơn vị, ví dụ 3101 hoặc BHXH quận Hồng Bàng).',
    en: 'There is no unit “{value}” (type a unit code or name, e.g. 3101 or BHXH quận Hồng Bàng).',
  },
  XL_UNKNOWN_VALUE: { vi: '“{value}” không hợp lệ; dùng một trong: {allowed}.', en: '“{value}” is not allowed; use one of: {allowed}.' },
  XL_DUPLICATE_ROW: { vi: 'Trùng người với dòng {other}.', en: 'Same person as row {other}.' },
  XL_AMBIGUOUS_STAFF: {
    vi: 'Có {count} người tên “{value}” tại đơn vị này; ghi thêm ngày sinh hoặc mã cán bộ.',
    en: '{count} people are called “{value}” in this unit; add the birth date or staff code.',
  },
  XL_CERT_NEEDS_PASS: {
    vi: 'Có số chứng chỉ nhưng kết quả không phải “Đạt”.',
    en: 'A certificate number is given but the result is not “passed”.',
  },
  XL_CODE_OTHER_PERSON: {
    vi: 'Mã cán bộ “{value}” đã thuộc về {name}.',
    en: 'Staff code “{value}” already belongs to {name}.',
  },
  XL_TOO_LONG: { vi: 'Quá dài (tối đa {max} ký tự).', en: 'Too long (at most {max} characters).' },
} satisfies Catalogue;
