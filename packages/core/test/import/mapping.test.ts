import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkMapping, mappingFromSuggestions, rowToObject, suggestColumnMapping } from '../../src/import/index.js';

describe('suggesting a column mapping', () => {
  it('recognises Vietnamese headers with or without diacritics and English ones', () => {
    const headers = ['Họ và tên', 'SĐT', 'Email', 'Địa chỉ', 'Phường/Xã', 'Quận/Huyện', 'Tỉnh/Thành phố', 'Công ty', 'Ngày sinh', 'Cột lạ'];
    assert.deepEqual(mappingFromSuggestions(suggestColumnMapping(headers)), [
      'fullName', 'phone', 'email', 'address.street', 'address.ward', 'address.district', 'address.province', 'companyName', 'birthday', null,
    ]);
    assert.deepEqual(mappingFromSuggestions(suggestColumnMapping(['Ho ten', 'So dien thoai', 'E-mail', 'Tinh/Thanh pho'])), ['fullName', 'phone', 'email', 'address.province']);
    assert.deepEqual(mappingFromSuggestions(suggestColumnMapping(['Full name', 'Phone', 'Company', 'Province', 'District'])), ['fullName', 'phone', 'companyName', 'address.province', 'address.district']);
  });

  it('maps a name split over columns ("Họ" | "Tên", "Họ và tên đệm" | "Tên", first_name | last_name) to the full name, all of it', () => {
    const map = (headers: string[]) => mappingFromSuggestions(suggestColumnMapping(headers));
    assert.deepEqual(map(['STT', 'Họ', 'Tên', 'SĐT']), [null, 'fullName', 'fullName', 'phone']);
    assert.deepEqual(map(['Họ và tên đệm', 'Tên', 'Ngày tháng năm sinh']), ['fullName', 'fullName', 'birthday']);
    assert.deepEqual(map(['Họ', 'Tên đệm', 'Tên', 'Email']), ['fullName', 'fullName', 'fullName', 'email']);
    assert.deepEqual(map(['first_name', 'last_name', 'phone_number']), ['fullName', 'fullName', 'phone']);
    const parts = suggestColumnMapping(['Họ', 'Tên']);
    assert.deepEqual(parts.map((s) => s.confidence), [1, 1]);
    // a whole-name column wins over parts, and one part alone is the name as before
    assert.deepEqual(map(['Họ và tên', 'Tên', 'SĐT']), ['fullName', null, 'phone']);
    assert.deepEqual(map(['Họ và tên', 'Họ', 'Tên']), ['fullName', null, null]);
    assert.deepEqual(map(['Tên', 'SĐT']), ['fullName', 'phone']);
  });

  it('gives each field to one column only, the surest first', () => {
    const suggestions = suggestColumnMapping(['Địa chỉ liên hệ', 'Địa chỉ']);
    assert.deepEqual(suggestions.map((s) => s.path), [null, 'address.street']);
    assert.equal(suggestions[1]!.confidence, 1);
  });

  it('gives every phone column to the phones and every e-mail column to the e-mails: a customer has several', () => {
    const map = (headers: string[]) => mappingFromSuggestions(suggestColumnMapping(headers));
    assert.deepEqual(map(['Họ và tên', 'SĐT 1', 'SĐT 2', 'Email', 'Email 2']), ['fullName', 'phone', 'phone', 'email', 'email']);
    assert.deepEqual(map(['Họ và tên', 'Di động', 'Điện thoại bàn']), ['fullName', 'phone', 'phone']);
  });
});

describe('turning a row into a record', () => {
  it('nests dotted paths, drops blank cells and joins two columns on one field', () => {
    const record = rowToObject(['Nguyễn', 'Văn An', ' ', 'Quận 1', 'x'], ['fullName', 'fullName', 'phone', 'address.district', null]);
    assert.deepEqual(record, { fullName: 'Nguyễn Văn An', address: { district: 'Quận 1' } });
  });

  it('keeps the values of several columns on a list field apart (a line break, which the phone and e-mail lists split), and joins name parts with a space', () => {
    const record = rowToObject(['Nguyễn Văn', 'An', '0912 345 678', '0987 654 321', 'an@x.vn', ''], ['fullName', 'fullName', 'phone', 'phone', 'email', 'email'], ['phone', 'email']);
    assert.deepEqual(record, { fullName: 'Nguyễn Văn An', phone: '0912 345 678\n0987 654 321', email: 'an@x.vn' });
  });

  it('says which required field has no column', () => {
    assert.deepEqual(checkMapping(['phone', null], ['fullName']), [{ row: 1, field: 'fullName', reason: 'no column is mapped to this required field', code: 'unmapped' }]);
  });
});
