import type { Catalogue } from './types';

/** Errors of the safety net: backups, restore, integrity, the data-folder lock, disk and locking trouble. */
export const safetyErrors = {
  DATA_FOLDER_IN_USE: {
    vi: 'Thư mục dữ liệu {dir} đang được một phiên ISO Desk khác sử dụng ({holder}, tiến trình {pid}, từ {since}). Hãy đóng phiên đó rồi mở lại; mỗi thư mục dữ liệu chỉ được mở bởi một phiên.',
    en: 'The data folder {dir} is in use by another ISO Desk ({holder}, process {pid}, since {since}). Close it and try again; only one copy of the app may use a data folder.',
  },
  DISK_FULL: {
    vi: 'Ổ đĩa đã đầy nên không lưu được. Không có dữ liệu nào bị ghi dở; hãy giải phóng dung lượng rồi thử lại.',
    en: 'The disk is full, so nothing could be saved. Nothing was half-written; free some space and try again.',
  },
  READ_ONLY_FOLDER: {
    vi: 'Thư mục dữ liệu chỉ cho phép đọc ({details}); không ghi được. Hãy chọn thư mục có quyền ghi hoặc sửa quyền truy cập.',
    en: 'The data folder is read-only ({details}); nothing can be written. Choose a writable folder or fix its permissions.',
  },
  DATABASE_BUSY: {
    vi: 'Cơ sở dữ liệu đang bị một chương trình khác khoá. Hãy đóng các phiên ISO Desk khác hoặc chương trình đang mở tệp dữ liệu, rồi thử lại.',
    en: 'The database is locked by another program. Close other copies of ISO Desk or programs holding the data file, then try again.',
  },
  DB_DAMAGED: {
    vi: 'Tệp dữ liệu {file} bị hỏng ({details}) nên ISO Desk không dùng nó. Cách khắc phục: khôi phục bản sao lưu tốt gần nhất ({backup}) bằng lệnh "isodesk backup restore {backup}" hoặc trong màn hình Sao lưu.',
    en: 'The data file {file} is damaged ({details}), so ISO Desk will not use it. Way out: restore the latest good backup ({backup}) with "isodesk backup restore {backup}" or on the Backups screen.',
  },
  MIGRATION_FAILED: {
    vi: 'Nâng cấp dữ liệu lên phiên bản mới không thành công ({details}). Tệp dữ liệu cũ được giữ nguyên; bản sao lưu trước khi nâng cấp: {backup}.',
    en: 'Upgrading the data to the new version failed ({details}). The old data file was left untouched; backup taken before the upgrade: {backup}.',
  },
  BACKUP_NOT_FOUND: { vi: 'Không tìm thấy bản sao lưu "{backup}".', en: 'Backup "{backup}" was not found.' },
  BACKUP_INVALID: {
    vi: 'Bản sao lưu "{backup}" không dùng được: {details}.',
    en: 'Backup "{backup}" cannot be used: {details}.',
  },
  BACKUP_VERIFY_FAILED: {
    vi: 'Bản sao lưu vừa ghi không vượt qua kiểm tra ({details}) nên đã bị loại bỏ. Hãy kiểm tra ổ đĩa đích rồi thử lại.',
    en: 'The backup just written failed verification ({details}) and was discarded. Check the target drive and try again.',
  },
  BACKUP_FOLDER_INVALID: {
    vi: 'Thư mục "{path}" không dùng được để sao lưu: {details}.',
    en: 'Folder "{path}" cannot be used for backups: {details}.',
  },
  BACKUP_TOO_NEW: {
    vi: 'Bản sao lưu "{backup}" do phiên bản ISO Desk mới hơn tạo (lược đồ {found}, phiên bản này hỗ trợ đến {known}); hãy cập nhật ISO Desk trước khi khôi phục.',
    en: 'Backup "{backup}" was written by a newer ISO Desk (schema {found}; this version knows up to {known}); update ISO Desk before restoring it.',
  },
  CHANGE_LOG_READ_ONLY: {
    vi: 'Nhật ký thay đổi chỉ được ghi thêm; không thể sửa hoặc xoá.',
    en: 'The change log can only be appended to; it cannot be edited or deleted.',
  },
} satisfies Catalogue;
