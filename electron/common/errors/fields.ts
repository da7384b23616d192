import { improvementFields } from './improvement';
import type { Catalogue } from './types';

/**
 * Names of input fields as people read them. An error parameter whose value
 * is one of these keys is shown as the label in the reader's language, so a
 * service can say `{ field: 'plannedEnd' }` and the user reads
 * "Ngày kết thúc kế hoạch".
 */
export const fieldLabels = {
  code: { vi: 'Mã đơn vị', en: 'Unit code' },
  name: { vi: 'Tên', en: 'Name' },
  type: { vi: 'Loại đơn vị', en: 'Unit type' },
  region: { vi: 'Miền', en: 'Region' },
  parentId: { vi: 'Đơn vị cấp trên', en: 'Parent unit' },
  operator: { vi: 'Người sử dụng', en: 'Operator' },
  plannedStart: { vi: 'Ngày bắt đầu kế hoạch', en: 'Planned start' },
  plannedEnd: { vi: 'Ngày kết thúc kế hoạch', en: 'Planned end' },
  actualStart: { vi: 'Ngày bắt đầu thực tế', en: 'Actual start' },
  actualEnd: { vi: 'Ngày hoàn thành thực tế', en: 'Actual end' },
  decisionNo: { vi: 'Số quyết định', en: 'Decision number' },
  decisionDate: { vi: 'Ngày quyết định', en: 'Decision date' },
  eventDate: { vi: 'Ngày hiệu lực', en: 'Effective date' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  role: { vi: 'Vai trò', en: 'Role' },
  unit: { vi: 'đơn vị', en: 'unit' },
  wave: { vi: 'đợt triển khai', en: 'wave' },
  team: { vi: 'ban/tổ ISO', en: 'ISO team' },
  member: { vi: 'thành viên', en: 'member' },
  step: { vi: 'bước', en: 'step' },
  status: { vi: 'Trạng thái', en: 'Status' },
  evidence: { vi: 'Minh chứng', en: 'Evidence' },
  note: { vi: 'Ghi chú', en: 'Note' },
  signer: { vi: 'Người ký', en: 'Signed by' },
  position: { vi: 'Chức vụ', en: 'Position' },
  kind: { vi: 'Loại', en: 'Kind' },
  details: { vi: 'Chi tiết', en: 'Details' },
  ...improvementFields,
} satisfies Catalogue;
