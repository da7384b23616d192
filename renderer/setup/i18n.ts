import type { Translation } from '../i18n/types';

export const vi = {
  title: 'Chào mừng đến với ISO Desk',
  intro:
    'Cho biết máy này thuộc văn phòng nào và ai sử dụng. Chỉ vậy thôi — mọi thông tin khác có thể nhập sau.',
  officeKind: 'Văn phòng này là',
  kinds: { province: 'BHXH tỉnh', district: 'BHXH huyện', hq: 'BHXH Việt Nam', other: 'Đơn vị khác' },
  province: 'Tỉnh, thành phố',
  district: 'Quận, huyện, thị xã',
  pickProvince: 'Chọn tỉnh…',
  pickDistrict: 'Chọn huyện…',
  manualHint: 'Đơn vị không có trong danh sách? Chọn “Đơn vị khác” để nhập mã và tên.',
  code: 'Mã đơn vị',
  name: 'Tên đơn vị',
  type: 'Loại đơn vị',
  parentCode: 'Mã đơn vị cấp trên (bỏ trống nếu trực thuộc BHXH Việt Nam)',
  operator: 'Người sử dụng (họ và tên)',
  operatorHint: 'Tên này được ghi vào nhật ký thay đổi cho mỗi thao tác.',
  demo: 'Nạp dữ liệu mẫu: 13 tỉnh và 30 huyện triển khai điểm năm 2012',
  demoHint: 'Dùng để làm quen; dữ liệu mẫu được ghi chú rõ.',
  start: 'Bắt đầu sử dụng',
};

export const en: Translation<typeof vi> = {
  title: 'Welcome to ISO Desk',
  intro: 'Tell us which office this computer belongs to and who uses it. That is all — everything else can be entered later.',
  officeKind: 'This office is',
  kinds: { province: 'Province office', district: 'District office', hq: 'Headquarters', other: 'Another unit' },
  province: 'Province or city',
  district: 'District',
  pickProvince: 'Choose a province…',
  pickDistrict: 'Choose a district…',
  manualHint: 'Not in the list? Choose “Another unit” to type its code and name.',
  code: 'Unit code',
  name: 'Unit name',
  type: 'Unit type',
  parentCode: 'Parent unit code (leave empty if directly under headquarters)',
  operator: 'Operator (full name)',
  operatorHint: 'This name is recorded in the change log for every action.',
  demo: 'Load demo data: the 13 provinces and 30 districts of the 2012 pilot',
  demoHint: 'For getting to know the app; demo records are marked.',
  start: 'Start',
};
