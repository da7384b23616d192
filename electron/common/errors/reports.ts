import type { Catalogue } from './types';

/** Errors of the dashboard, periodic reports and year-end scoring. */
export const reportsErrors = {
  REPORT_FIGURE_UNKNOWN: { vi: 'Không có số liệu "{key}".', en: 'There is no figure "{key}".' },
  REPORT_PERIOD_INVALID: {
    vi: 'Kỳ báo cáo không hợp lệ: quý phải từ 1 đến 4, nửa năm là 1 hoặc 2.',
    en: 'Invalid period: a quarter is 1–4 and a half-year 1 or 2.',
  },
  REPORT_FINAL_LOCKED: {
    vi: 'Báo cáo {documentNo} đã hoàn tất nên không sửa hoặc xóa được; hãy tạo báo cáo mới nếu cần điều chỉnh.',
    en: 'Report {documentNo} is final and cannot be changed or deleted; create a new report to amend it.',
  },
  REPORT_NOT_OWN: {
    vi: 'Báo cáo này do {owner} lập (nhận qua gói dữ liệu) nên chỉ xem, không sửa được tại đây.',
    en: 'This report was issued by {owner} (received in a bundle): it can be read here, not changed.',
  },
  REPORT_NOT_FINAL: { vi: 'Chỉ báo cáo đã hoàn tất mới được gửi đi.', en: 'Only a final report can be sent.' },
  REPORT_TEMPLATE_EMPTY: { vi: 'Mẫu báo cáo cần ít nhất một chỉ tiêu.', en: 'A report template needs at least one figure.' },
  REPORT_TEMPLATE_IN_USE: {
    vi: 'Mẫu "{name}" đang được {count} báo cáo sử dụng nên không xóa được.',
    en: 'Template "{name}" is used by {count} reports and cannot be deleted.',
  },
  REPORT_COLUMN_UNKNOWN: { vi: 'Không có cột "{key}" cho bảng đơn vị.', en: 'There is no unit column "{key}".' },
  REPORT_PDF_FAILED: {
    vi: 'Không tạo được tệp PDF: {details}. Kiểm tra trình duyệt Chromium đã được cài đặt.',
    en: 'The PDF could not be produced: {details}. Check that Chromium is installed.',
  },
  SCORING_WEIGHTS: { vi: 'Trọng số của tiêu chí "{label}" phải lớn hơn 0.', en: 'The weight of criterion "{label}" must be greater than 0.' },
  SCORING_NO_CRITERIA: { vi: 'Bộ tiêu chí cần ít nhất một tiêu chí.', en: 'A criteria set needs at least one criterion.' },
  SCORING_DUPLICATE_KEY: { vi: 'Tiêu chí "{key}" bị trùng trong bộ tiêu chí.', en: 'Criterion "{key}" appears twice in the set.' },
  SCORING_METRIC_UNKNOWN: { vi: 'Không có cách chấm "{metric}".', en: 'There is no scoring metric "{metric}".' },
  SCORING_LOCKED: {
    vi: 'Bộ tiêu chí năm {year} đã chốt; kết quả được giữ nguyên để có thể đối chiếu về sau.',
    en: 'The {year} criteria set is locked; its results are kept as they were.',
  },
  SCORING_NOT_MANUAL: { vi: 'Tiêu chí "{label}" được tính tự động từ dữ liệu, không nhập tay.', en: 'Criterion "{label}" is computed from the data, not entered by hand.' },
  SCORING_VALUE_RANGE: { vi: 'Mức đạt phải từ 0 đến 100 %.', en: 'The value must be between 0 and 100 %.' },
} satisfies Catalogue;
