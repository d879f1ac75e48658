import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CrmValidationError } from '../../src/errors.js';
import { fieldMapFor } from '../../src/dedup/dedup-record.js';
import { DEFAULT_DEDUP_SETTINGS, DEFAULT_FIELD_MAPS, DuplicateIndex, duplicateBlockReason, hasBlockingMatch, parseDedupSettings, projectRecord, scanClusters, ClusterScanner, type DedupRecord } from '../../src/dedup/index.js';

const person = (id: string, values: DedupRecord['values']): DedupRecord => ({ id, values });

function contactIndex(): DuplicateIndex {
  const index = new DuplicateIndex(DEFAULT_DEDUP_SETTINGS.contact);
  index.add(person('c1', { name: 'Huỳnh Đình Lộc', phone: '0334477256', email: 'loc.huynh@hoanglong.vn', birthday: '1985-12-10', district: 'Quận 3', street: '246 Nguyễn Huệ' }));
  index.add(person('c2', { name: 'Nguyễn Thị Lan', phone: '0380346042', email: 'lannguyen1991@gmail.com', birthday: '2001-04-03', district: 'Quận 1', street: '247 Điện Biên Phủ' }));
  index.add(person('c3', { name: 'Nguyễn Thị Lan', phone: '0909111222', birthday: '1970-01-01', district: 'Ba Đình' }));
  return index;
}

describe('checking a new contact against the index', () => {
  it('finds the same person behind an old 11-digit number, naming the rule, the fields and the score', () => {
    const matches = contactIndex().findMatches(person('new', { name: 'huỳnh đình lộc', phone: '01634477256' }));
    assert.equal(matches.length, 1);
    const [match] = matches;
    assert.equal(match!.id, 'c1');
    assert.equal(match!.score, 1);
    assert.equal(match!.action, 'block');
    assert.deepEqual(match!.rules.map((rule) => rule.ruleId), ['phone']);
    assert.deepEqual(match!.rules[0]!.fields, [{ field: 'phone', match: 'exact', score: 1, values: ['+84334477256', '+84334477256'] }]);
  });

  it('finds someone who re-registers with a new phone and no e-mail by name and birthday, as a warning', () => {
    const matches = contactIndex().findMatches(person('new', { name: 'Lan Nguyễn', phone: '0821403787', birthday: '03/04/2001' }));
    assert.deepEqual(matches.map((m) => [m.id, m.action, m.rules[0]!.ruleId]), [['c2', 'warn', 'name-birthday']]);
    assert.equal(hasBlockingMatch(matches), false);
  });

  it('does not take a namesake for the same person', () => {
    const matches = contactIndex().findMatches(person('new', { name: 'Nguyễn Thị Lan', phone: '0987000111', birthday: '1995-05-05' }));
    assert.deepEqual(matches, []);
  });

  it('never matches blank values with each other', () => {
    const index = new DuplicateIndex(DEFAULT_DEDUP_SETTINGS.contact);
    index.add(person('a', { name: 'Trần Văn An', phone: '', email: null }));
    assert.deepEqual(index.findMatches(person('b', { name: 'Bùi Thị Hoa', phone: '  ', email: undefined })), []);
  });

  it('reports every matching rule and blocks on edit only when a rule says so', () => {
    const index = contactIndex();
    const matches = index.findMatches(person('new', { name: 'Nguyễn Thị Lan', email: 'LanNguyen1991+crm@gmail.com', birthday: '2001-04-03', street: '247 Dien Bien Phu', district: 'quan 1' }), { mode: 'edit' });
    assert.equal(matches[0]!.id, 'c2');
    assert.deepEqual(matches[0]!.rules.map((r) => r.ruleId).sort(), ['email', 'name-birthday', 'name-street']);
    assert.equal(matches[0]!.action, 'warn');
    assert.match(duplicateBlockReason('contact', index.findMatches(person('x', { email: 'lannguyen1991@gmail.com' }))), /duplicates c2 \(email\)/);
  });

  it('does not report the record itself, nor excluded ids', () => {
    const index = contactIndex();
    assert.deepEqual(index.findMatches(person('c1', { phone: '0334477256' })), []);
    assert.deepEqual(index.findMatches(person('x', { phone: '0334477256' }), { exclude: ['c1'] }), []);
  });
});

describe('projecting a record for one index', () => {
  it('reads only the fields the rules compare, and finds the same duplicates as the whole field map', () => {
    const index = new DuplicateIndex(DEFAULT_DEDUP_SETTINGS.contact);
    const map = fieldMapFor(DEFAULT_FIELD_MAPS.contact, index.matcher.usedSettings.fields);
    // the default rules compare no company, province or ward
    assert.deepEqual(Object.keys(map), ['name', 'phone', 'email', 'birthday', 'district', 'street']);
    assert.equal(fieldMapFor(DEFAULT_FIELD_MAPS.contact, index.matcher.usedSettings.fields), map, 'remembered, not rebuilt per record');
    const stored = { id: 'ct-1', fullName: 'Trần Văn Bình', birthday: '1990-05-17', companyName: 'Công ty TNHH An Phát', address: { province: 'Hà Nội', district: 'Cầu Giấy', street: '12 Trần Thái Tông' } };
    index.add(projectRecord(stored, map));
    const incoming = { id: 'new', fullName: 'Tran Van Binh', birthday: '17/05/1990', companyName: 'An Phát', address: { province: 'Ha Noi', district: 'Cau Giay' } };
    const cut = index.findMatches(projectRecord(incoming, map));
    assert.deepEqual(cut.map((m) => [m.id, m.rules[0]!.ruleId]), [['ct-1', 'name-birthday']]);
    assert.deepEqual(index.findMatches(projectRecord(incoming, DEFAULT_FIELD_MAPS.contact)), cut);
  });
});

describe('keeping the index in step with the store', () => {
  it('finds every record still filed after its key table has grown many times and half the records were removed', () => {
    const index = new DuplicateIndex(DEFAULT_DEDUP_SETTINGS.contact);
    const phone = (i: number): string => `09${String(10_000_000 + i * 7919).slice(-8)}`;
    for (let i = 0; i < 4000; i++) index.add(person(`c${i}`, { phone: phone(i), name: `Nguyễn Văn ${i % 2 ? 'An' : 'Bình'}` }));
    for (let i = 0; i < 4000; i += 2) index.remove(`c${i}`);
    assert.equal(index.size, 2000);
    for (let i = 0; i < 4000; i++) {
      const found = index.findMatches(person('q', { phone: phone(i) })).map((m) => m.id);
      assert.deepEqual(found, i % 2 ? [`c${i}`] : [], `phone of c${i}`);
    }
  });

  it('forgets a removed record and re-files an edited one', () => {
    const index = contactIndex();
    assert.equal(index.remove('c1'), true);
    assert.equal(index.remove('c1'), false);
    assert.deepEqual(index.findMatches(person('n', { phone: '0334477256' })), []);
    index.update(person('c2', { name: 'Nguyễn Thị Lan', phone: '0334477256' }));
    assert.deepEqual(index.findMatches(person('n', { phone: '0334477256' })).map((m) => m.id), ['c2']);
    assert.deepEqual(index.findMatches(person('n', { email: 'lannguyen1991@gmail.com' })), []);
    assert.equal(index.size, 2);
    index.clear();
    assert.equal(index.size, 0);
  });

  it('skips a fuzzy key too common to say anything, so a very common name cannot blow a check up', () => {
    const settings = parseDedupSettings({ fields: { name: { kind: 'personName' } }, rules: [{ id: 'name', fields: [{ field: 'name', match: 'fuzzy', threshold: 0.9 }] }] });
    const index = new DuplicateIndex(settings, { maxFuzzyBucket: 50 });
    for (let i = 0; i < 300; i++) index.add(person(`n${i}`, { name: 'Nguyễn Văn Anh' }));
    index.add(person('rare', { name: 'Lò Văn Páo' }));
    assert.deepEqual(index.findMatches(person('q', { name: 'Nguyễn Văn Anh' })), []);
    assert.deepEqual(index.findMatches(person('q', { name: 'Lo Van Pao' })).map((m) => m.id), ['rare']);
  });

  it('refuses a cap that would not cap (NaN compares false) and a progress step that would never report', () => {
    for (const options of [{ maxFuzzyBucket: Number.NaN }, { maxExactBucket: 0 }, { maxFuzzyBucket: 2.5 }]) {
      assert.throws(() => new DuplicateIndex(DEFAULT_DEDUP_SETTINGS.contact, options), (error: unknown) => error instanceof CrmValidationError && error.issues[0]!.path === Object.keys(options)[0]);
    }
    assert.throws(() => scanClusters([], DEFAULT_DEDUP_SETTINGS.contact, { progressEvery: 0 }), (error: unknown) => error instanceof CrmValidationError && error.issues[0]!.path === 'progressEvery');
  });
});

describe('checking across entities', () => {
  it('checks a new lead against existing contacts through each entity’s field map', () => {
    const contacts = new DuplicateIndex(DEFAULT_DEDUP_SETTINGS.contact);
    const contact = { id: 'ct-1', fullName: 'Phạm Thu Nhung', phones: [{ label: 'mobile', value: '0831 753 530' }], email: 'nhung.pham@daiviet.vn', address: { district: 'Hoàn Kiếm', street: '25 Pasteur' } };
    contacts.add(projectRecord(contact, DEFAULT_FIELD_MAPS.contact));
    const lead = { id: 'ld-9', contactName: 'Pham Thu Nhung', mobile: '+84 831 753 530' };
    const matches = contacts.findMatches(projectRecord(lead, DEFAULT_FIELD_MAPS.lead));
    assert.deepEqual(matches.map((m) => [m.id, m.rules[0]!.ruleId]), [['ct-1', 'phone']]);
  });
});

describe('scanning a whole entity into clusters', () => {
  it('joins A≈B and B≈C into one cluster and explains each link', () => {
    const { clusters, pairs } = scanClusters(
      [
        person('r1', { name: 'Phạm Thu Loan', phone: '0827013311', email: 'loan.pham@ankhang.vn', birthday: '1972-02-28' }),
        person('r2', { name: 'Phạm Loan', email: 'loan.pham@ankhang.vn', birthday: '1972-02-28' }),
        person('r3', { name: 'Pham Thu Loan', phone: '01297013311', birthday: '1972-02-28' }),
        person('r4', { name: 'Phạm Thu Loan', phone: '0900000000', birthday: '1990-01-01' }),
      ],
      DEFAULT_DEDUP_SETTINGS.contact,
      { explain: true },
    );
    assert.equal(clusters.length, 1);
    assert.deepEqual(clusters[0]!.ids, ['r1', 'r2', 'r3']);
    assert.ok(pairs >= 2);
    assert.ok(clusters[0]!.links!.some((link) => link.a === 'r1' && link.b === 'r3' && link.ruleIds.includes('phone')));
  });
  it('scanned a slice at a time, the clusters and links are the ones found at once', () => {
    const people: DedupRecord[] = [];
    for (let i = 0; i < 60; i++) {
      const phone = `09${String(1000000 + i * 7).padStart(8, '0')}`;
      people.push(person(`p${i}`, { name: `Nguyễn Văn Khách ${i}`, phone, birthday: `${1950 + i}-01-01` }));
      // every third person comes back later, once typed without diacritics and with the 84 prefix
      if (i % 3 === 0) people.push(person(`p${i}-again`, { name: `Nguyen Van Khach ${i}`, phone: `84${phone.slice(1)}` }));
    }
    const whole = scanClusters(people, DEFAULT_DEDUP_SETTINGS.contact, { explain: true });
    const scanner = new ClusterScanner(people, DEFAULT_DEDUP_SETTINGS.contact, { explain: true });
    let slices = 0;
    while (!scanner.done) {
      scanner.scanNext(7);
      slices++;
    }
    assert.equal(slices, Math.ceil(people.length / 7));
    assert.equal(scanner.scanned, 80);
    assert.deepEqual(scanner.result(), whole);
    assert.equal(whole.clusters.length, 20);
    assert.ok(whole.clusters.every((cluster) => cluster.ids.length === 2 && cluster.ids[1] === `${cluster.ids[0]}-again`));
  });
});

describe('company duplicates', () => {
  it('see through legal forms and block the same tax code', () => {
    const index = new DuplicateIndex(DEFAULT_DEDUP_SETTINGS.company);
    index.add(projectRecord({ id: 'co1', name: 'Công ty TNHH Minh Phát', taxCode: '0312345678', address: { province: 'Hồ Chí Minh' } }, DEFAULT_FIELD_MAPS.company));
    const byName = index.findMatches(projectRecord({ id: 'x', name: 'Minh Phat Co., Ltd', address: { province: 'Ho Chi Minh' } }, DEFAULT_FIELD_MAPS.company));
    assert.deepEqual(byName.map((m) => [m.id, m.action]), [['co1', 'warn']]);
    const byTax = index.findMatches(projectRecord({ id: 'y', name: 'Khác hẳn', taxCode: ' 0312345678 ' }, DEFAULT_FIELD_MAPS.company));
    assert.deepEqual(byTax.map((m) => [m.id, m.action]), [['co1', 'block']]);
  });
});
