import type { Translation } from '../i18n/types';

export const vi = {
  nav: { dashboard: 'Tổng quan' },
  title: 'Tổng quan triển khai ISO',
  subtitle: 'Số liệu đến ngày {{date}}. Bấm vào một con số hoặc một cột biểu đồ để xem danh sách đơn vị phía sau.',
  scope: {
    label: 'Phạm vi',
    office: 'Chỉ văn phòng này',
    unit: 'Một đơn vị',
    subtree: 'Đơn vị và cấp dưới',
    pickUnit: 'Chọn đơn vị…',
  },
  units: '{{count}} đơn vị',
  year: 'Năm',
  cards: {
    inScope: 'Đơn vị trong phạm vi',
    declaredShare: 'Đã chứng nhận / công bố',
    behind: 'Chậm kế hoạch',
    dueSoon: 'Đến hạn trong 90 ngày',
  },
  charts: {
    byStep: 'Đơn vị theo bước triển khai',
    declared: 'Tỷ lệ chứng nhận / công bố (bước 3)',
    behindByWave: 'Đơn vị chậm kế hoạch theo đợt',
    behindByRegion: 'Đơn vị chậm kế hoạch theo miền',
    unitsByWave: 'Đơn vị theo đợt triển khai',
    units: 'Số đơn vị',
  },
  dueList: 'Sắp đến hạn (90 ngày tới)',
  dueEmpty: 'Không có bước nào đến hạn trong 90 ngày tới.',
  daysLeft: 'còn {{count}} ngày',
  pending: {
    title: 'Sẽ hiển thị khi các phân hệ được cài đặt',
    body: 'Các số liệu sau do phân hệ khác cung cấp và sẽ tự xuất hiện ở đây và trong báo cáo định kỳ:',
  },
  drill: {
    title: '{{label}}',
    rows: 'Danh sách',
    open: 'Mở đơn vị',
    empty: 'Không có đơn vị nào trong danh sách này.',
    export: 'so-lieu',
  },
  empty: 'Chưa có đơn vị nào trong phạm vi này. Vào “Đơn vị” để thêm đơn vị, hoặc chọn phạm vi khác.',
};

export const en: Translation<typeof vi> = {
  nav: { dashboard: 'Dashboard' },
  title: 'ISO rollout at a glance',
  subtitle: 'Figures as of {{date}}. Click a number or a bar to see the units behind it.',
  scope: {
    label: 'Scope',
    office: 'This office only',
    unit: 'One unit',
    subtree: 'Unit and below',
    pickUnit: 'Pick a unit…',
  },
  units: '{{count}} units',
  year: 'Year',
  cards: {
    inScope: 'Units in scope',
    declaredShare: 'Certified / declared',
    behind: 'Behind plan',
    dueSoon: 'Due in 90 days',
  },
  charts: {
    byStep: 'Units by rollout step',
    declared: 'Certified / declared share (step 3)',
    behindByWave: 'Behind-plan units by wave',
    behindByRegion: 'Behind-plan units by region',
    unitsByWave: 'Units by rollout wave',
    units: 'Units',
  },
  dueList: 'Falling due (next 90 days)',
  dueEmpty: 'Nothing falls due in the next 90 days.',
  daysLeft: '{{count}} days left',
  pending: {
    title: 'Shown once the areas are installed',
    body: 'These figures come from other areas and will appear here and in the periodic reports by themselves:',
  },
  drill: {
    title: '{{label}}',
    rows: 'List',
    open: 'Open unit',
    empty: 'No unit in this list.',
    export: 'figures',
  },
  empty: 'No unit in this scope yet. Add units under “Units”, or pick another scope.',
};
