import type { Message } from '../../../common/errors/types';

/** Words that figure rows print, in both languages. */
export const stepNames: Record<number, Message> = {
  1: { vi: 'Bước 1 – Xây dựng', en: 'Step 1 – Build' },
  2: { vi: 'Bước 2 – Áp dụng', en: 'Step 2 – Apply' },
  3: { vi: 'Bước 3 – Chứng nhận / Công bố', en: 'Step 3 – Certify / Declare' },
  4: { vi: 'Bước 4 – Duy trì, cải tiến', en: 'Step 4 – Maintain & improve' },
  5: { vi: 'Hoàn thành cả 4 bước', en: 'All four steps done' },
};

export const regionNames: Record<string, Message> = {
  north: { vi: 'Miền Bắc', en: 'North' },
  centre: { vi: 'Miền Trung', en: 'Centre' },
  south: { vi: 'Miền Nam', en: 'South' },
  none: { vi: 'Chưa xác định miền', en: 'No region' },
};

export const unitTypeNames: Record<string, Message> = {
  hq: { vi: 'BHXH Việt Nam', en: 'Headquarters' },
  province: { vi: 'BHXH tỉnh', en: 'Province office' },
  district: { vi: 'BHXH huyện', en: 'District office' },
  affiliated: { vi: 'Đơn vị sự nghiệp', en: 'Affiliated unit' },
};

/** Common columns every unit-based list starts with. */
export const unitColumnsBase = [
  { key: 'code', label: { vi: 'Mã', en: 'Code' } },
  { key: 'name', label: { vi: 'Đơn vị', en: 'Unit' } },
] as const;

export const msg = (vi: string, en: string): Message => ({ vi, en });
