import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldDiacritics, normalizeCompanyName, normalizeEmail, normalizePersonName, normalizePhone, renumberVietnameseMobile } from '../../src/dedup/index.js';

describe('Vietnamese names', () => {
  it('fold composed, decomposed, upper-case and unaccented spellings to one form, đ included', () => {
    const forms = ['Đặng Thị Hồng Nhung', 'ĐẶNG THỊ HỒNG NHUNG', 'Dang Thi Hong Nhung', 'Đặng Thị Hồng Nhung'.normalize('NFD'), '  đặng   thị hồng  nhung '];
    const keys = new Set(forms.map((form) => normalizePersonName(form)!.folded));
    assert.deepEqual([...keys], ['dang thi hong nhung']);
    assert.equal(foldDiacritics('Đồng Nai'), 'dong nai');
  });

  it('read surname, middle and given name, turning a given-name-first name round', () => {
    const name = normalizePersonName('Thành Nguyễn')!;
    assert.equal(name.surname, 'nguyen');
    assert.equal(name.given, 'thanh');
    assert.equal(name.surnameGivenKey, normalizePersonName('Nguyễn Hoàng Thành')!.surnameGivenKey);
    const western = normalizePersonName('An Trần')!;
    assert.deepEqual([western.surname, western.given], ['tran', 'an']);
  });

  it('read three words that start with a surname in Vietnamese order, and find the surname a given name was put before', () => {
    const parts = (value: string) => {
      const name = normalizePersonName(value)!;
      return [name.surname, name.middle.join(' '), name.given];
    };
    assert.deepEqual(parts('Trịnh Văn Hoàng'), ['trinh', 'van', 'hoang']);
    assert.deepEqual(parts('Cao Minh Vũ'), ['cao', 'minh', 'vu']);
    // a first-name | last-name form joined in column order
    assert.deepEqual(parts('Hoa Nguyễn Thị'), ['nguyen', 'thi', 'hoa']);
    assert.equal(normalizePersonName('Hoa Nguyễn Thị')!.compact, normalizePersonName('Nguyễn Thị Hoa')!.compact);
    // two words still turn round
    assert.deepEqual(parts('An Trần'), ['tran', '', 'an']);
  });

  it('keep a leading surname even when the last word is a more common surname', () => {
    const name = normalizePersonName('Vũ Thanh Hoàng')!;
    assert.deepEqual([name.surname, name.middle, name.given], ['vu', ['thanh'], 'hoang']);
  });

  it('give the same sorted key for any word order and nothing for a blank', () => {
    assert.equal(normalizePersonName('Minh Hoàng Gia')!.sortedKey, normalizePersonName('Hoàng Gia Minh')!.sortedKey);
    assert.equal(normalizePersonName('   '), null);
    assert.equal(normalizePersonName(undefined), null);
  });

  it('sort the words of the key in code-unit order, repeated and prefix words included, for names of one to five words', () => {
    const words = ['anh', 'an', 'Ân', 'nguyễn', 'văn', 'ba', 'đức'];
    let names = 0;
    for (const a of words) for (const b of words) for (const c of words) {
      for (const name of [a, `${a} ${b}`, `${a} ${b} ${c}`, `${a} ${b} ${c} ${a}`, `${c} ${b} ${a} ${b} ${c}`]) {
        const normalized = normalizePersonName(name)!;
        assert.equal(normalized.sortedKey, [...normalized.tokens].sort().join(' '), name);
        names++;
      }
    }
    assert.equal(names, 5 * 7 ** 3);
  });
});

describe('Vietnamese phones', () => {
  it('reach E.164 from 0, 84, +84, 0084 and any separators', () => {
    for (const typed of ['0912345678', '84912345678', '+84 912 345 678', '(+84) 91-234-5678', '0912.345.678', '0084912345678', '+84 (0) 912 345 678', '912345678']) {
      assert.equal(normalizePhone(typed), '+84912345678', typed);
    }
  });

  it('move every old 11-digit mobile prefix to its 2018 number, keeping the last 7 digits', () => {
    const cases: [string, string][] = [
      ['0162', '032'], ['0163', '033'], ['0164', '034'], ['0165', '035'], ['0166', '036'], ['0167', '037'], ['0168', '038'], ['0169', '039'],
      ['0120', '070'], ['0121', '079'], ['0122', '077'], ['0126', '076'], ['0128', '078'],
      ['0123', '083'], ['0124', '084'], ['0125', '085'], ['0127', '081'], ['0129', '082'],
      ['0186', '056'], ['0188', '058'], ['0199', '059'],
    ];
    for (const [before, after] of cases) {
      assert.equal(normalizePhone(`${before}4477256`), normalizePhone(`${after}4477256`), before);
      assert.equal(normalizePhone(`${before}4477256`), `+84${after.slice(1)}4477256`);
    }
    assert.equal(normalizePhone('+84 1634 477 256'), '+84334477256');
    assert.equal(renumberVietnameseMobile('1684477256'), '384477256');
  });

  it('leave landlines and foreign numbers alone and refuse blanks and fragments', () => {
    assert.equal(normalizePhone('024 3825 1234'), '+842438251234');
    assert.equal(normalizePhone('+1 (415) 555-2671'), '+14155552671');
    assert.equal(normalizePhone(''), null);
    assert.equal(normalizePhone('12345'), null);
    assert.equal(normalizePhone(null), null);
  });
});

describe('e-mails', () => {
  it('ignore spaces and case', () => {
    assert.equal(normalizeEmail('  LongLe1971@Yahoo.com '), 'longle1971@yahoo.com');
  });

  it('fold Gmail dots, plus tags and googlemail.com unless told not to', () => {
    assert.equal(normalizeEmail('Anh.Nguyen69+crm@googlemail.com'), 'anhnguyen69@gmail.com');
    assert.equal(normalizeEmail('anh.nguyen69+crm@gmail.com', { foldGmail: false }), 'anh.nguyen69+crm@gmail.com');
    assert.equal(normalizeEmail('nhung.pham@daiviet.vn'), 'nhung.pham@daiviet.vn');
  });

  it('refuse something that is not an address', () => {
    assert.equal(normalizeEmail('no-at-sign'), null);
    assert.equal(normalizeEmail('@gmail.com'), null);
    assert.equal(normalizeEmail(''), null);
  });
});

describe('company names', () => {
  it('ignore Vietnamese and English legal forms wherever they stand', () => {
    const forms = ['Công ty TNHH Minh Phát', 'CÔNG TY TRÁCH NHIỆM HỮU HẠN MINH PHÁT', 'Minh Phát Co., Ltd', 'Cty TNHH MTV Minh Phát', 'Minh Phat Company Limited'];
    assert.deepEqual([...new Set(forms.map((form) => normalizeCompanyName(form)))], ['minh phat']);
    assert.equal(normalizeCompanyName('Công ty Cổ phần Vận tải An Khang'), normalizeCompanyName('CTCP Vận tải An Khang'));
    assert.equal(normalizeCompanyName('Công ty CP Vận tải An Khang'), 'van tai an khang');
    assert.equal(normalizeCompanyName('Doanh nghiệp tư nhân Điện máy Đại Việt'), normalizeCompanyName('DNTN Điện Máy Đại Việt'));
    assert.equal(normalizeCompanyName('Sao Mai JSC'), 'sao mai');
  });

  it('keep words that only look like legal forms and refuse a name made of legal forms only', () => {
    assert.equal(normalizeCompanyName('Cơ khí Hà Nội'), 'co khi ha noi');
    assert.equal(normalizeCompanyName('Công ty TNHH'), null);
  });
});
