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

  it('gives each field to one column only, the surest first', () => {
    const suggestions = suggestColumnMapping(['Điện thoại bàn', 'Số điện thoại']);
    assert.deepEqual(suggestions.map((s) => s.path), [null, 'phone']);
    assert.equal(suggestions[1]!.confidence, 1);
  });
});

describe('turning a row into a record', () => {
  it('nests dotted paths, drops blank cells and joins two columns on one field', () => {
    const record = rowToObject(['Nguyễn', 'Văn An', ' ', 'Quận 1', 'x'], ['fullName', 'fullName', 'phone', 'address.district', null]);
    assert.deepEqual(record, { fullName: 'Nguyễn Văn An', address: { district: 'Quận 1' } });
  });

  it('says which required field has no column', () => {
    assert.deepEqual(checkMapping(['phone', null], ['fullName']), [{ row: 1, field: 'fullName', reason: 'no column is mapped to this required field', code: 'unmapped' }]);
  });
});
