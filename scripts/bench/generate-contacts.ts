// A seeded generator of Vietnamese contact rows with known truth, modelled on the noise of
// packages/core/test/fixtures/vn-contacts-10k.csv: about 30% of people are entered 2–4 times with no
// diacritics, case changes, a dropped middle name, given-name-first order, a dropped letter, decomposed
// Unicode, +84/84/0 and separators, old 11-digit numbers, Gmail dots/plus, swapped letters in an e-mail,
// missing fields, and re-registrations with a new phone and no e-mail. Many different people share a name;
// a phone or an e-mail belongs to one person.

/** One generated row; `cluster` is the truth (rows with the same value are one person). */
export interface GeneratedContact {
  id: string;
  cluster: string;
  full_name: string;
  phone: string;
  email: string;
  company: string;
  province: string;
  district: string;
  street: string;
  birthday: string;
}

/** A small, fast, seeded PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES: [string, number][] = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 5.1], ['Huỳnh', 5.1], ['Phan', 4.5], ['Vũ', 3.9], ['Võ', 3.9],
  ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Trương', 0.5], ['Đinh', 0.4], ['Lâm', 0.3], ['Mai', 0.3],
];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Quang', 'Xuân', 'Thu', 'Hoàng', 'Gia', 'Bảo', 'Đình', 'Công', 'Tuấn', 'Khánh', 'Phương', 'Mai', 'Trọng'];
const GIVEN = [
  'An', 'Anh', 'Bình', 'Châu', 'Cường', 'Dũng', 'Duy', 'Đạt', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hoa', 'Hoàng', 'Hùng', 'Huy', 'Hương', 'Khoa',
  'Lan', 'Linh', 'Loan', 'Lộc', 'Long', 'Mai', 'Minh', 'My', 'Nam', 'Nga', 'Nghĩa', 'Ngọc', 'Nhung', 'Oanh', 'Phong', 'Phúc', 'Phương', 'Quân',
  'Quang', 'Sơn', 'Tâm', 'Thảo', 'Thành', 'Thịnh', 'Thu', 'Thủy', 'Toàn', 'Trang', 'Trung', 'Tuấn', 'Tuyết', 'Vân', 'Việt', 'Vinh', 'Yến',
];
const PLACES: [string, string[]][] = [
  ['Hà Nội', ['Ba Đình', 'Hoàn Kiếm', 'Cầu Giấy', 'Đống Đa', 'Thanh Xuân', 'Hai Bà Trưng', 'Long Biên']],
  ['Hồ Chí Minh', ['Quận 1', 'Quận 3', 'Quận 7', 'Bình Thạnh', 'Gò Vấp', 'Phú Nhuận', 'Tân Bình', 'Thủ Đức']],
  ['Đà Nẵng', ['Hải Châu', 'Thanh Khê', 'Liên Chiểu', 'Sơn Trà']],
  ['Hải Phòng', ['Hồng Bàng', 'Lê Chân', 'Ngô Quyền', 'Kiến An']],
  ['Cần Thơ', ['Ninh Kiều', 'Cái Răng', 'Bình Thủy']],
  ['Đồng Nai', ['Biên Hòa', 'Long Khánh', 'Nhơn Trạch']],
  ['Bình Dương', ['Thủ Dầu Một', 'Thuận An', 'Dĩ An']],
  ['Khánh Hòa', ['Nha Trang', 'Cam Ranh']],
];
const STREETS = ['Lê Lợi', 'Nguyễn Huệ', 'Trần Hưng Đạo', 'Hai Bà Trưng', 'Điện Biên Phủ', 'Pasteur', 'Lý Thường Kiệt', 'Bà Triệu', 'Hoàng Diệu', 'Quang Trung', 'Võ Văn Tần', 'Cách Mạng Tháng Tám', 'Phan Đình Phùng', 'Lê Duẩn', 'Nguyễn Trãi'];
const COMPANY_FORMS = ['Công ty TNHH', 'Công ty CP', 'Công ty Cổ phần', 'Doanh nghiệp tư nhân'];
const SECTORS = ['Vận tải', 'Dược phẩm', 'Xây dựng', 'Điện máy', 'Du lịch', 'Thực phẩm', 'Công nghệ', 'Nội thất', 'Dịch vụ', 'Thương mại'];
const BRANDS = ['Minh Phát', 'An Khang', 'Sao Mai', 'Đại Việt', 'Hoàng Long', 'Việt Tiến', 'Thành Công', 'Bình Minh', 'Phú Quý', 'Hưng Thịnh', 'Tân Phú'];
const NEW_PREFIXES = ['32', '33', '34', '35', '36', '37', '38', '39', '70', '76', '77', '78', '79', '81', '82', '83', '84', '85', '56', '58', '59', '86', '88', '89', '90', '91', '93', '94', '96', '97', '98'];
const OLD_OF: Record<string, string> = { '32': '162', '33': '163', '34': '164', '35': '165', '36': '166', '37': '167', '38': '168', '39': '169', '70': '120', '79': '121', '77': '122', '76': '126', '78': '128', '83': '123', '84': '124', '85': '125', '81': '127', '82': '129', '56': '186', '58': '188', '59': '199' };
const DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com'];

function fold(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

interface Person {
  surname: string;
  middle: string;
  given: string;
  phone: string; // 9 significant digits
  email: string;
  company: string;
  province: string;
  district: string;
  street: string;
  birthday: string;
}

/**
 * Generates about `rows` contact rows (people × 1.4) from a seed. Deterministic: the same seed and size give
 * the same rows.
 */
export function generateContacts(rows: number, seed = 20261123): GeneratedContact[] {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const surnameTotal = SURNAMES.reduce((sum, [, weight]) => sum + weight, 0);
  const pickSurname = (): string => {
    let r = random() * surnameTotal;
    for (const [name, weight] of SURNAMES) if ((r -= weight) < 0) return name;
    return SURNAMES[0]![0];
  };
  const out: GeneratedContact[] = [];
  const people = Math.max(1, Math.round(rows / 1.4));
  let nextRow = 1;
  const push = (cluster: number, person: Person, fields: Partial<Omit<GeneratedContact, 'id' | 'cluster'>>): void => {
    out.push({
      id: `r${nextRow++}`,
      cluster: `p${cluster}`,
      full_name: `${person.surname} ${person.middle} ${person.given}`,
      phone: `0${person.phone}`,
      email: person.email,
      company: person.company,
      province: person.province,
      district: person.district,
      street: person.street,
      birthday: person.birthday,
      ...fields,
    });
  };
  // Phones: a bijection of the person number over 7-digit tails keeps every phone unique.
  const tailOf = (n: number): string => String((n * 7_368_787 + 1_234_567) % 10_000_000).padStart(7, '0');
  for (let p = 0; p < people && out.length < rows; p++) {
    const [province, districts] = pick(PLACES);
    const prefix = pick(NEW_PREFIXES);
    const surname = pickSurname();
    const given = pick(GIVEN);
    const year = 1950 + Math.floor(random() * 56);
    const person: Person = {
      surname,
      middle: pick(MIDDLE),
      given,
      phone: `${prefix}${tailOf(p + people * NEW_PREFIXES.indexOf(prefix))}`.slice(0, 9),
      email: `${fold(given).toLowerCase()}${fold(surname).toLowerCase()}${p}@${pick(DOMAINS)}`,
      company: random() < 0.55 ? `${pick(COMPANY_FORMS)} ${pick(SECTORS)} ${pick(BRANDS)}` : '',
      province,
      district: pick(districts),
      street: random() < 0.85 ? `${1 + Math.floor(random() * 300)} ${pick(STREETS)}` : '',
      birthday: `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
    };
    push(p, person, {});
    if (random() >= 0.3) continue;
    const copies = 1 + Math.floor(random() * random() * 3);
    for (let c = 0; c < copies && out.length < rows; c++) push(p, person, noisy(person, random, pick));
  }
  return out;
}

function noisy(person: Person, random: () => number, pick: <T>(list: readonly T[]) => T): Partial<GeneratedContact> {
  let words = [person.surname, person.middle, person.given];
  const fields: Partial<GeneratedContact> = {};
  const noise = random();
  if (noise < 0.12) words = [person.surname, person.given]; // dropped middle name
  else if (noise < 0.2) words = [person.given, person.surname]; // given-name-first
  else if (noise < 0.28) {
    const w = Math.floor(random() * 3);
    const word = words[w]!;
    if (word.length > 2) {
      const at = 1 + Math.floor(random() * (word.length - 1));
      words[w] = word.slice(0, at) + word.slice(at + 1); // a dropped letter
    }
  }
  let name = words.join(' ');
  const style = random();
  if (style < 0.12) name = fold(name);
  else if (style < 0.2) name = name.toUpperCase();
  else if (style < 0.28) name = name.toLowerCase();
  else if (style < 0.36) name = name.normalize('NFD');
  else if (style < 0.42) name = `   ${name}  `;
  fields.full_name = name;
  const phone = random();
  const p = person.phone;
  if (phone < 0.15) fields.phone = `+84${p}`;
  else if (phone < 0.25) fields.phone = `84${p}`;
  else if (phone < 0.35) fields.phone = `0${p.slice(0, 3)}.${p.slice(3, 6)}.${p.slice(6)}`;
  else if (phone < 0.42) fields.phone = `(+84) ${p.slice(0, 2)}-${p.slice(2, 5)}-${p.slice(5)}`;
  else if (phone < 0.52 && OLD_OF[p.slice(0, 2)] !== undefined) fields.phone = `0${OLD_OF[p.slice(0, 2)]}${p.slice(2)}`;
  else if (phone < 0.58) fields.phone = '';
  const email = random();
  const [local, domain] = person.email.split('@') as [string, string];
  if (email < 0.1 && domain === 'gmail.com') fields.email = `${local.slice(0, 3)}.${local.slice(3)}@gmail.com`;
  else if (email < 0.16 && domain === 'gmail.com') fields.email = `${local}+crm@gmail.com`;
  else if (email < 0.24) fields.email = person.email.toUpperCase();
  else if (email < 0.3 && local.length > 4) fields.email = `${local.slice(0, 2)}${local[3]}${local[2]}${local.slice(4)}@${domain}`; // swapped letters
  else if (email < 0.38) fields.email = '';
  if (random() < 0.2) fields.company = '';
  if (random() < 0.2) fields.street = '';
  if (random() < 0.12) {
    // Re-registers: a new phone and no e-mail.
    fields.phone = `0${pick(NEW_PREFIXES)}${String(Math.floor(random() * 10_000_000)).padStart(7, '0')}`;
    fields.email = '';
  }
  return fields;
}
