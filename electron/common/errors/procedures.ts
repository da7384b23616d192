import type { Catalogue } from './types';

/** Errors of procedures, document control, attachments, adoption and checklists. */
export const procedureErrors = {
  PROCEDURE_CODE_TAKEN: { vi: 'Mã quy trình "{code}" đã được dùng cho {title}.', en: 'Procedure code "{code}" is already used by {title}.' },
  VERSION_OPEN_EXISTS: {
    vi: 'Quy trình đã có phiên bản {versionNo} đang soạn thảo hoặc trình duyệt; hãy hoàn tất hoặc thu hồi phiên bản đó trước.',
    en: 'Version {versionNo} of this procedure is still in draft or review; finish or withdraw it first.',
  },
  VERSION_NOT_DRAFT: {
    vi: 'Chỉ trình duyệt được phiên bản dự thảo; phiên bản {versionNo} không còn là dự thảo.',
    en: 'Only a draft can be sent for review; version {versionNo} is no longer a draft.',
  },
  VERSION_NOT_IN_REVIEW: {
    vi: 'Phiên bản {versionNo} chưa được trình duyệt; hãy trình duyệt trước khi phê duyệt.',
    en: 'Version {versionNo} has not been sent for review; send it for review before approving.',
  },
  VERSION_LOCKED: {
    vi: 'Phiên bản {versionNo} đã được phê duyệt, thay thế hoặc thu hồi nên không sửa được; hãy tạo phiên bản mới.',
    en: 'Version {versionNo} is approved, superseded or withdrawn and cannot be changed; create a new version.',
  },
  VERSION_NOT_WITHDRAWABLE: {
    vi: 'Phiên bản {versionNo} đã bị thay thế hoặc thu hồi.',
    en: 'Version {versionNo} is already superseded or withdrawn.',
  },
  VERSION_NOT_APPROVED: {
    vi: 'Phiên bản {versionNo} chưa có hiệu lực (chưa phê duyệt hoặc đã bị thay thế, thu hồi).',
    en: 'Version {versionNo} is not in force (not approved, or superseded or withdrawn).',
  },
  LEGAL_CHANGE_REQUIRED: {
    vi: 'Sửa đổi do thay đổi văn bản pháp luật cần chọn thay đổi pháp lý đã ghi nhận.',
    en: 'A revision for a legal change must name the recorded legal change.',
  },
  LEGAL_CHANGE_OTHER_PROCEDURE: {
    vi: 'Thay đổi pháp lý "{reference}" được ghi cho quy trình khác.',
    en: 'Legal change "{reference}" was recorded against another procedure.',
  },
  ATTACHMENT_EMPTY: { vi: 'Tệp "{name}" rỗng (0 byte); không có gì để đính kèm.', en: 'File "{name}" is empty (0 bytes); there is nothing to attach.' },
  ATTACHMENT_TOO_LARGE: {
    vi: 'Tệp "{name}" có dung lượng {size} MB, vượt giới hạn {limit} MB.',
    en: 'File "{name}" is {size} MB, over the {limit} MB limit.',
  },
  ATTACHMENT_UNREADABLE: {
    vi: 'Không đọc được tệp "{name}" ({details}). Hãy kiểm tra đường dẫn và quyền truy cập.',
    en: 'File "{name}" could not be read ({details}). Check the path and permissions.',
  },
  ATTACHMENT_BAD_CONTENT: {
    vi: 'Nội dung tải lên của "{name}" không hợp lệ (không phải base64).',
    en: 'The uploaded content of "{name}" is not valid base64.',
  },
  ATTACHMENT_MISSING: {
    vi: 'Tệp đính kèm "{name}" không còn trong kho dữ liệu.',
    en: 'Attachment "{name}" is missing from the data folder.',
  },
  ATTACHMENT_CORRUPT: {
    vi: 'Tệp đính kèm "{name}" đã bị thay đổi (mã băm không khớp); không mở tệp này.',
    en: 'Attachment "{name}" was altered (its hash no longer matches); it was not opened.',
  },
  ATTACHMENT_NOT_ALLOWED: {
    vi: 'Không đính kèm được vào phiên bản {versionNo} đã bị thay thế hoặc thu hồi.',
    en: 'Files cannot be attached to version {versionNo}: it is superseded or withdrawn.',
  },
  CHECKLIST_NONE: {
    vi: '{unit} chưa chọn tiêu chuẩn để tự đánh giá; hãy chọn TCVN ISO 9001:2008 hoặc 9001:2015.',
    en: '{unit} has no checklist yet; choose TCVN ISO 9001:2008 or 9001:2015.',
  },
  CHECKLIST_USE_MIGRATE: {
    vi: '{unit} đang dùng TCVN ISO 9001:{standard}; hãy dùng chức năng chuyển đổi sang phiên bản 2015.',
    en: '{unit} uses TCVN ISO 9001:{standard}; use the move to 2015 instead.',
  },
  CHECKLIST_NOT_2008: {
    vi: 'Chỉ chuyển đổi được từ danh mục TCVN ISO 9001:2008; {unit} đang dùng 9001:{standard}.',
    en: 'Only a TCVN ISO 9001:2008 checklist can be moved to 2015; {unit} uses 9001:{standard}.',
  },
  CLAUSE_UNKNOWN: {
    vi: 'Không có điều khoản {clause} trong TCVN ISO 9001:{standard}.',
    en: 'There is no clause {clause} in TCVN ISO 9001:{standard}.',
  },
  CLAUSE_HAS_SUBCLAUSES: {
    vi: 'Điều khoản {clause} gồm các điều khoản con; hãy đánh giá từng điều khoản con.',
    en: 'Clause {clause} has sub-clauses; assess each sub-clause instead.',
  },
  WAVE_NO_UNITS: {
    vi: 'Đợt {wave} không có đơn vị loại {type} đang hoạt động để áp dụng.',
    en: 'Wave {wave} has no active unit of type {type} to apply it to.',
  },
} satisfies Catalogue;
