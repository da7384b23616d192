import { HQ_CODE, pilotDistricts, pilotProvinces, type ReferenceUnit } from '../../db/reference/units';
import type { Rng } from './random';

/**
 * The national unit tree the generator builds: 63 provinces, about 700
 * district offices and 7 affiliated units. Province codes are the 2-digit
 * administrative codes (Decision 124/2004, [unverified] like the app's own
 * reference list); the pilot districts come from db/reference/units.ts;
 * Hà Nội's districts are real names of 2012 [unverified]; every other
 * district name is synthetic (plausible, not real).
 */
const PROVINCES: [string, string][] = [
  ['01', 'Hà Nội'], ['02', 'Hà Giang'], ['04', 'Cao Bằng'], ['06', 'Bắc Kạn'], ['08', 'Tuyên Quang'], ['10', 'Lào Cai'],
  ['11', 'Điện Biên'], ['12', 'Lai Châu'], ['14', 'Sơn La'], ['15', 'Yên Bái'], ['17', 'Hòa Bình'], ['19', 'Thái Nguyên'],
  ['20', 'Lạng Sơn'], ['22', 'Quảng Ninh'], ['24', 'Bắc Giang'], ['25', 'Phú Thọ'], ['26', 'Vĩnh Phúc'], ['27', 'Bắc Ninh'],
  ['30', 'Hải Dương'], ['31', 'Hải Phòng'], ['33', 'Hưng Yên'], ['34', 'Thái Bình'], ['35', 'Hà Nam'], ['36', 'Nam Định'],
  ['37', 'Ninh Bình'], ['38', 'Thanh Hóa'], ['40', 'Nghệ An'], ['42', 'Hà Tĩnh'], ['44', 'Quảng Bình'], ['45', 'Quảng Trị'],
  ['46', 'Thừa Thiên Huế'], ['48', 'Đà Nẵng'], ['49', 'Quảng Nam'], ['51', 'Quảng Ngãi'], ['52', 'Bình Định'], ['54', 'Phú Yên'],
  ['56', 'Khánh Hòa'], ['58', 'Ninh Thuận'], ['60', 'Bình Thuận'], ['62', 'Kon Tum'], ['64', 'Gia Lai'], ['66', 'Đắk Lắk'],
  ['67', 'Đắk Nông'], ['68', 'Lâm Đồng'], ['70', 'Bình Phước'], ['72', 'Tây Ninh'], ['74', 'Bình Dương'], ['75', 'Đồng Nai'],
  ['77', 'Bà Rịa - Vũng Tàu'], ['79', 'Thành phố Hồ Chí Minh'], ['80', 'Long An'], ['82', 'Tiền Giang'], ['83', 'Bến Tre'],
  ['84', 'Trà Vinh'], ['86', 'Vĩnh Long'], ['87', 'Đồng Tháp'], ['89', 'An Giang'], ['91', 'Kiên Giang'], ['92', 'Cần Thơ'],
  ['93', 'Hậu Giang'], ['94', 'Sóc Trăng'], ['95', 'Bạc Liêu'], ['96', 'Cà Mau'],
];

const HANOI_DISTRICTS = [
  'quận Ba Đình', 'quận Hoàn Kiếm', 'quận Tây Hồ', 'quận Long Biên', 'quận Cầu Giấy', 'quận Đống Đa', 'quận Hai Bà Trưng',
  'quận Hoàng Mai', 'quận Thanh Xuân', 'quận Hà Đông', 'huyện Từ Liêm', 'thị xã Sơn Tây', 'huyện Ba Vì', 'huyện Phúc Thọ',
  'huyện Đan Phượng', 'huyện Hoài Đức', 'huyện Quốc Oai', 'huyện Thạch Thất', 'huyện Chương Mỹ', 'huyện Thanh Oai',
  'huyện Thường Tín', 'huyện Phú Xuyên', 'huyện Ứng Hòa', 'huyện Mỹ Đức', 'huyện Sóc Sơn', 'huyện Đông Anh', 'huyện Gia Lâm',
  'huyện Thanh Trì', 'huyện Mê Linh',
];

const FIRST = ['Tân', 'Long', 'Phú', 'Bình', 'An', 'Vĩnh', 'Hòa', 'Thạnh', 'Đông', 'Tây', 'Hưng', 'Thuận', 'Quảng', 'Yên',
  'Thanh', 'Kim', 'Lạc', 'Cẩm', 'Mỹ', 'Gia', 'Hải', 'Đức', 'Triệu', 'Vạn', 'Châu', 'Trường', 'Lộc', 'Ninh', 'Sơn', 'Cát'];
const SECOND = ['Phú', 'Hòa', 'Thành', 'Bình', 'Sơn', 'Lâm', 'Xuân', 'Hưng', 'Điền', 'Thủy', 'An', 'Lợi', 'Giang', 'Hà',
  'Ninh', 'Khánh', 'Đông', 'Định', 'Tiến', 'Lộc', 'Hải', 'Phước', 'Yên', 'Trạch', 'Xương', 'Trung', 'Mỹ', 'Thạnh', 'Lương', 'Hội'];

export type Region = NonNullable<ReferenceUnit['region']>;

export const regionOf = (provinceCode: string): Region => (Number(provinceCode) <= 37 ? 'north' : Number(provinceCode) <= 68 ? 'centre' : 'south');

export const AFFILIATED: { code: string; name: string }[] = [
  { code: 'TTCNTT', name: 'Trung tâm Công nghệ thông tin' },
  { code: 'TTLT', name: 'Trung tâm Lưu trữ' },
  { code: 'TTGDBHYT', name: 'Trung tâm Giám định BHYT và Thanh toán đa tuyến' },
  { code: 'TTTT', name: 'Trung tâm Truyền thông' },
  { code: 'VKHBHXH', name: 'Viện Khoa học Bảo hiểm xã hội' },
  { code: 'BAOBHXH', name: 'Báo Bảo hiểm xã hội' },
  { code: 'TCBHXH', name: 'Tạp chí Bảo hiểm xã hội' },
];

export interface TreeUnit extends ReferenceUnit {
  /** Which rollout wave the unit joined: pilot, wave 2 or wave 3. */
  wave: 'pilot' | 'wave2' | 'wave3';
}

export type Scale = 'tiny' | 'province' | 'national';

const PILOT_PROVINCES = new Set(pilotProvinces.filter((p) => p.code !== '54').map((p) => p.code));

function syntheticDistricts(rng: Rng, provinceCode: string, count: number, start = 1): ReferenceUnit[] {
  const seen = new Set<string>();
  const out: ReferenceUnit[] = [];
  while (out.length < count) {
    const a = rng.pick(FIRST);
    const b = rng.pick(SECOND);
    if (a === b || seen.has(`${a} ${b}`)) continue;
    seen.add(`${a} ${b}`);
    const kind = out.length === 0 ? 'thành phố' : rng.weighted([['huyện', 80], ['thị xã', 12], ['quận', 8]] as const);
    out.push({
      code: `${provinceCode}${String(start + out.length).padStart(2, '0')}`,
      name: `BHXH ${kind} ${a} ${b}`,
      type: 'district',
      region: regionOf(provinceCode),
      parentCode: provinceCode,
    });
  }
  return out;
}

/**
 * The tree at a scale: `national` = every province, 701 districts (30 pilot,
 * 350 in wave 2, 321 in wave 3, as the seeds count them) and the affiliated
 * units; `province` = Hà Nội with its 29 districts; `tiny` = two provinces
 * with a handful of districts (for tests).
 */
export function unitTree(rng: Rng, scale: Scale): TreeUnit[] {
  const hq: TreeUnit = { code: HQ_CODE, name: 'BHXH Việt Nam', type: 'hq', region: null, parentCode: null, wave: 'pilot' };
  const provinceUnit = ([code, name]: [string, string]): TreeUnit => ({
    code,
    // Short names, as the app's reference list writes them ("BHXH Hải Phòng").
    name: `BHXH ${name}`,
    type: 'province',
    region: regionOf(code),
    parentCode: HQ_CODE,
    wave: PILOT_PROVINCES.has(code) ? 'pilot' : 'wave2',
  });
  if (scale === 'province') {
    const hn = provinceUnit(PROVINCES[0]);
    const districts = HANOI_DISTRICTS.map((n, i): TreeUnit => ({
      code: `01${String(i + 1).padStart(2, '0')}`,
      name: `BHXH ${n}`,
      type: 'district',
      region: 'north',
      parentCode: '01',
      wave: i < 15 ? 'wave2' : 'wave3',
    }));
    return [hq, hn, ...districts];
  }
  if (scale === 'tiny') {
    const hp = provinceUnit(['31', 'Hải Phòng']);
    const tg = provinceUnit(['82', 'Tiền Giang']);
    const districts = [
      ...pilotDistricts.filter((d) => d.parentCode === '31').slice(0, 4).map((d): TreeUnit => ({ ...d, wave: 'pilot' })),
      ...syntheticDistricts(rng, '82', 3).map((d, i): TreeUnit => ({ ...d, wave: i === 0 ? 'wave2' : 'wave3' })),
    ];
    return [hq, hp, tg, ...districts, { code: AFFILIATED[0].code, name: AFFILIATED[0].name, type: 'affiliated', region: null, parentCode: HQ_CODE, wave: 'wave2' }];
  }
  const provinces = PROVINCES.map(provinceUnit);
  const pilot = pilotDistricts.map((d): TreeUnit => ({ ...d, wave: 'pilot' }));
  const withReference = new Set(pilot.map((d) => d.parentCode));
  // 671 more districts over the other 60 provinces: Hà Nội gets its real 29, the rest 5–17 each.
  const others = provinces.filter((p) => !withReference.has(p.code) && p.code !== '01');
  const counts = others.map(() => rng.int(5, 17));
  const target = 701 - pilot.length - HANOI_DISTRICTS.length;
  let diff = target - counts.reduce((s, n) => s + n, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % counts.length) {
    if (diff > 0 && counts[i] < 20) (counts[i]++, diff--);
    else if (diff < 0 && counts[i] > 4) (counts[i]--, diff++);
  }
  const rest: ReferenceUnit[] = [
    ...HANOI_DISTRICTS.map((n, i): ReferenceUnit => ({ code: `01${String(i + 1).padStart(2, '0')}`, name: `BHXH ${n}`, type: 'district', region: 'north', parentCode: '01' })),
    ...others.flatMap((p, i) => syntheticDistricts(rng.fork(p.code), p.code, counts[i])),
  ];
  // The seeds: 350 districts joined in wave 2, the remaining 321 in wave 3.
  const order = rest.map((d) => ({ d, key: rng.next() })).sort((a, b) => a.key - b.key);
  const wave2 = new Set(order.slice(0, 350).map((o) => o.d.code));
  const districts = rest.map((d): TreeUnit => ({ ...d, wave: wave2.has(d.code) ? 'wave2' : 'wave3' }));
  const affiliated = AFFILIATED.map((a): TreeUnit => ({ code: a.code, name: a.name, type: 'affiliated', region: null, parentCode: HQ_CODE, wave: 'wave2' }));
  return [hq, ...provinces, ...affiliated, ...pilot, ...districts];
}
