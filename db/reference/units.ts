/**
 * Reference units that ship with the app. Province codes follow Decision
 * 124/2004 (verify before treating as authoritative); district codes here are
 * the province code plus a running number, and district names are those of
 * 2012 from general knowledge [unverified]. Editable data, not law.
 */
export interface ReferenceUnit {
  code: string;
  name: string;
  type: 'hq' | 'province' | 'district' | 'affiliated';
  region: 'north' | 'centre' | 'south' | null;
  parentCode: string | null;
}

export const HQ_CODE = 'VN';

export const headquarters: ReferenceUnit = {
  code: HQ_CODE,
  name: 'BHXH Việt Nam',
  type: 'hq',
  region: null,
  parentCode: null,
};

const province = (code: string, name: string, region: ReferenceUnit['region']): ReferenceUnit => ({
  code,
  name: `BHXH ${name}`,
  type: 'province',
  region,
  parentCode: HQ_CODE,
});

/** The 12 pilot provinces of letter 4396/BHXH-VP (2012), plus Phú Yên counted in the 2013 review. */
export const pilotProvinces: ReferenceUnit[] = [
  province('31', 'Hải Phòng', 'north'),
  province('30', 'Hải Dương', 'north'),
  province('08', 'Tuyên Quang', 'north'),
  province('77', 'Bà Rịa - Vũng Tàu', 'south'),
  province('92', 'Cần Thơ', 'south'),
  province('82', 'Tiền Giang', 'south'),
  province('86', 'Vĩnh Long', 'south'),
  province('84', 'Trà Vinh', 'south'),
  province('48', 'Đà Nẵng', 'centre'),
  province('49', 'Quảng Nam', 'centre'),
  province('51', 'Quảng Ngãi', 'centre'),
  province('52', 'Bình Định', 'centre'),
  province('54', 'Phú Yên', 'centre'),
];

const districtsOf = (provinceCode: string, region: ReferenceUnit['region'], names: string[]): ReferenceUnit[] =>
  names.map((n, i) => ({
    code: `${provinceCode}${String(i + 1).padStart(2, '0')}`,
    name: `BHXH ${n}`,
    type: 'district' as const,
    region,
    parentCode: provinceCode,
  }));

/** The 2012 pilot districts of Hải Phòng (15), Bà Rịa - Vũng Tàu (8) and Đà Nẵng (7). */
export const pilotDistricts: ReferenceUnit[] = [
  ...districtsOf('31', 'north', [
    'quận Hồng Bàng', 'quận Ngô Quyền', 'quận Lê Chân', 'quận Hải An', 'quận Kiến An',
    'quận Đồ Sơn', 'quận Dương Kinh', 'huyện Thủy Nguyên', 'huyện An Dương', 'huyện An Lão',
    'huyện Kiến Thụy', 'huyện Tiên Lãng', 'huyện Vĩnh Bảo', 'huyện Cát Hải', 'huyện Bạch Long Vĩ',
  ]),
  ...districtsOf('77', 'south', [
    'thành phố Vũng Tàu', 'thành phố Bà Rịa', 'huyện Châu Đức', 'huyện Xuyên Mộc',
    'huyện Long Điền', 'huyện Đất Đỏ', 'huyện Tân Thành', 'huyện Côn Đảo',
  ]),
  ...districtsOf('48', 'centre', [
    'quận Hải Châu', 'quận Thanh Khê', 'quận Sơn Trà', 'quận Ngũ Hành Sơn',
    'quận Liên Chiểu', 'quận Cẩm Lệ', 'huyện Hòa Vang',
  ]),
];

/** Rollout waves from the seeds, with their planned windows. */
export const referenceWaves = [
  { key: 'pilot', name: 'Triển khai điểm 2012–2013', plannedStart: '2012-11-01', plannedEnd: '2013-04-30' },
  { key: 'wave2', name: 'Đợt 2 (diện rộng) 2013–2014', plannedStart: '2013-10-01', plannedEnd: '2014-05-31' },
  { key: 'wave3', name: 'Đợt 3 (hoàn tất) 2014', plannedStart: '2014-06-01', plannedEnd: '2014-12-31' },
] as const;
