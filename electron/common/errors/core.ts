import type { Catalogue } from './types';

/** Errors of the foundation: validation, setup, units, waves, teams, steps. */
export const coreErrors = {
  INVALID_INPUT: { vi: 'Dữ liệu không hợp lệ: {details}', en: 'Invalid input: {details}' },
  UNKNOWN_METHOD: { vi: 'Không có chức năng "{method}".', en: 'There is no method "{method}".' },
  INVALID_ID: { vi: '{field}: mã định danh không hợp lệ.', en: '{field}: not a valid identifier.' },
  INTERNAL: { vi: 'Lỗi không mong đợi: {details}', en: 'Unexpected error: {details}' },
  UNAUTHORISED: { vi: 'Yêu cầu không được phép.', en: 'The request is not authorised.' },
  SCHEMA_TOO_NEW: {
    vi: 'Dữ liệu này do phiên bản ISO Desk mới hơn tạo (lược đồ {found}, phiên bản này hỗ trợ đến {known}). Hãy cập nhật ISO Desk; dữ liệu không bị thay đổi.',
    en: 'This data was written by a newer ISO Desk (schema {found}; this version knows up to {known}). Update ISO Desk; nothing was changed.',
  },
  NOT_SET_UP: { vi: 'Chưa thiết lập văn phòng cho máy này.', en: 'This installation has not been set up yet.' },
  ALREADY_SET_UP: { vi: 'Máy này đã được thiết lập cho {office}.', en: 'This installation is already set up for {office}.' },
  NOT_FOUND: { vi: 'Không tìm thấy {entity} cần xử lý.', en: 'The {entity} was not found.' },
  REQUIRED: { vi: 'Cần nhập {field}.', en: '{field} is required.' },
  BAD_DATE: { vi: '{field} không phải là ngày hợp lệ (dd/mm/yyyy).', en: '{field} is not a valid date (dd/mm/yyyy).' },
  DATE_ORDER: { vi: '{later} không được trước {earlier}.', en: '{later} cannot be before {earlier}.' },
  DATE_IN_FUTURE: { vi: '{field} không được sau ngày hôm nay.', en: '{field} cannot be later than today.' },
  UNIT_CODE_TAKEN: { vi: 'Mã đơn vị "{code}" đã được dùng cho {name}.', en: 'Unit code "{code}" is already used by {name}.' },
  UNIT_PARENT_TYPE: {
    vi: 'Đơn vị loại {type} không thể trực thuộc {parentType}.',
    en: 'A unit of type {type} cannot sit under a {parentType}.',
  },
  UNIT_INACTIVE: { vi: 'Đơn vị {name} không còn hoạt động ({status}).', en: 'Unit {name} is no longer active ({status}).' },
  UNIT_CYCLE: { vi: 'Không thể đặt một đơn vị trực thuộc chính nó hoặc đơn vị cấp dưới.', en: 'A unit cannot sit under itself or one of its own sub-units.' },
  UNIT_MERGE_SELF: { vi: 'Không thể sáp nhập một đơn vị vào chính nó.', en: 'A unit cannot be merged into itself.' },
  UNIT_HAS_CHILDREN: {
    vi: 'Đơn vị {name} còn {count} đơn vị trực thuộc đang hoạt động; hãy chuyển hoặc sáp nhập chúng trước.',
    en: 'Unit {name} still has {count} active sub-units; move or merge them first.',
  },
  SPLIT_NEEDS_PARTS: { vi: 'Chia tách cần ít nhất hai đơn vị mới.', en: 'A split needs at least two new units.' },
  STEP_ORDER: {
    vi: 'Chưa thể hoàn thành bước {step} khi bước {previous} chưa hoàn thành.',
    en: 'Step {step} cannot be completed before step {previous} is done.',
  },
  STEP_BEFORE_PREVIOUS: {
    vi: 'Ngày hoàn thành bước {step} ({date}) không được trước ngày hoàn thành bước {previous} ({previousDate}).',
    en: 'Step {step} cannot be completed ({date}) before step {previous} was ({previousDate}).',
  },
  STEP_DONE_NEEDS_DATE: { vi: 'Bước đã hoàn thành cần có ngày hoàn thành thực tế.', en: 'A completed step needs its actual end date.' },
  STEP_REOPEN_BLOCKED: {
    vi: 'Không thể mở lại bước {step} khi bước {next} đã hoàn thành.',
    en: 'Step {step} cannot be reopened while step {next} is done.',
  },
  WAVE_MEMBER_DUPLICATE: { vi: '{name} đã thuộc đợt {wave}.', en: '{name} is already in wave {wave}.' },
  DECISION_NO_FORMAT: {
    vi: 'Số quyết định "{value}" không đúng dạng số/ký hiệu, ví dụ 123/QĐ-BHXH.',
    en: 'Decision number "{value}" is not in the number/symbol form, e.g. 123/QĐ-BHXH.',
  },
} satisfies Catalogue;
