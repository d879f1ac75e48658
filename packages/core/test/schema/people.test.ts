import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { companySchema } from '../../src/schema/company.js';
import { contactSchema } from '../../src/schema/contact.js';
import { leadSchema, refineLead } from '../../src/schema/lead.js';
import { rawContactSchema, refineRawContact } from '../../src/schema/raw-contact.js';
import { parseWith } from '../../src/schema/validate.js';
import { assertRefused, benNghe } from './helpers.js';

describe('raw contact (KH Thô)', () => {
  const bought = {
    name: 'Nguyễn Văn An',
    phones: ['0912 345 678', '+84 28 3822 1234'],
    email: 'an.nguyen@minhphat.vn',
    companyName: 'Công ty TNHH Minh Phát',
    address: benNghe,
    source: 'bought_list',
    collectedFrom: 'Danh sách doanh nghiệp Quận 1 — 2026',
    collectedAt: '2026-11-20T08:30:00+07:00',
  };

  it('a bought-list entry parses and waits for screening', () => {
    const raw = parseWith(rawContactSchema, bought, 'rawContact');
    assert.equal(raw.screeningStatus, 'pending');
    assert.deepEqual(raw.phones, ['0912 345 678', '+84 28 3822 1234']);
  });

  it('a screening status outside pending / screened / rejected is refused', () => {
    assertRefused(rawContactSchema, { ...bought, screeningStatus: 'approved' }, ['screeningStatus']);
  });

  it('a rejected raw contact must say why', () => {
    const checked = rawContactSchema.superRefine(refineRawContact);
    assertRefused(checked, { ...bought, screeningStatus: 'rejected' }, ['screeningReason']);
    assert.equal(parseWith(checked, { ...bought, screeningStatus: 'rejected', screeningReason: 'Số điện thoại không liên lạc được' }).screeningStatus, 'rejected');
  });

  it('a phone with letters is refused at its index', () => {
    assertRefused(rawContactSchema, { ...bought, phones: ['0912 345 678', 'gọi sau'] }, ['phones.1']);
  });
});

describe('lead (Tiềm năng)', () => {
  const lead = {
    title: 'Gói cước Y',
    need: 'Văn phòng 30 người cần đường truyền cáp quang ổn định',
    expectedRevenue: { amount: 36_000_000, currency: 'VND' },
    probability: 20,
    priority: 2,
    tagIds: ['tag-vip'],
    salespersonId: 'u-an',
    salesTeamId: 'team-hcm',
    salesRegion: 'Miền Nam',
    contactName: 'Nguyễn Văn An',
    jobTitle: 'Trưởng phòng IT',
    companyName: 'Công ty TNHH Minh Phát',
    email: 'an.nguyen@minhphat.vn',
    phones: { mobile: '0912 345 678', desk: '028 3822 1234' },
    address: benNghe,
    channel: 'zalo',
    campaign: 'Hội thảo chuyển đổi số',
    bant: { budget: { answer: '3 triệu/tháng', confirmed: true }, timeline: { answer: 'Quý 1/2027' } },
    ownerId: 'u-an',
    teamId: 'team-hcm',
  };

  it('a Vietnamese lead parses, open and with its BANT answers', () => {
    const parsed = parseWith(leadSchema, lead, 'lead');
    assert.equal(parsed.status, 'open');
    assert.deepEqual(parsed.expectedRevenue, { amount: 36_000_000, currency: 'VND' });
    assert.deepEqual(parsed.bant?.timeline, { answer: 'Quý 1/2027', confirmed: false });
  });

  it('only a title is required', () => {
    assert.equal(parseWith(leadSchema, { title: 'Gói cước Y' }).title, 'Gói cước Y');
    assertRefused(leadSchema, { need: 'cáp quang' }, ['title'], 'required');
    assertRefused(leadSchema, { title: '   ' }, ['title']);
  });

  it('a probability of 120 is refused', () => {
    assertRefused(leadSchema, { ...lead, probability: 120 }, ['probability']);
  });

  it('priority is 0 to 3 whole stars', () => {
    assertRefused(leadSchema, { ...lead, priority: 4 }, ['priority']);
    assertRefused(leadSchema, { ...lead, priority: 1.5 }, ['priority']);
  });

  it('revenue in VND is whole đồng, never a float', () => {
    assertRefused(leadSchema, { ...lead, expectedRevenue: { amount: 1_500_000.5, currency: 'VND' } }, ['expectedRevenue.amount']);
  });

  it('an unknown channel and a bad desk phone are named', () => {
    assertRefused(leadSchema, { ...lead, channel: 'tiktok', phones: { desk: 'máy bàn' } }, ['phones.desk', 'channel']);
  });

  it('a lost lead needs a lost reason', () => {
    const checked = leadSchema.superRefine(refineLead);
    assertRefused(checked, { ...lead, status: 'lost' }, ['lostReasonId']);
    assert.equal(parseWith(checked, { ...lead, status: 'lost', lostReasonId: 'lr-price' }).status, 'lost');
  });
});

describe('contact (Người liên hệ)', () => {
  const contact = {
    kind: 'household',
    fullName: 'Nguyễn Văn An',
    gender: 'male',
    birthday: '1985-03-12',
    address: benNghe,
    gps: { lat: 10.7769, lng: 106.7009 },
    phones: [
      { number: '0912 345 678', kind: 'mobile' },
      { number: '028 3822 1234', kind: 'home' },
    ],
    emails: ['an.nguyen@example.vn'],
    zalo: '0912345678',
    companyId: 'co-minh-phat',
    position: 'Chủ hộ kinh doanh',
    revenue: { amount: 2_400_000_000, currency: 'VND' },
    interests: ['tạp hóa', 'nước giải khát'],
    interestLevel: 'high',
  };

  it('a household contact parses; the first phone is the primary one', () => {
    const parsed = parseWith(contactSchema, contact, 'contact');
    assert.equal(parsed.kind, 'household');
    assert.equal(parsed.phones?.[0]?.number, '0912 345 678');
  });

  it('a phone kind defaults to mobile', () => {
    assert.equal(parseWith(contactSchema, { fullName: 'Trần Thị Bình', phones: [{ number: '0987 654 321' }] }).phones?.[0]?.kind, 'mobile');
  });

  it('bad fields are named with their index', () => {
    assertRefused(contactSchema, { ...contact, emails: ['an.nguyen@example.vn', 'khong-co-email'] }, ['emails.1']);
    assertRefused(contactSchema, { ...contact, phones: [{ number: '0912 345 678', kind: 'fax' }] }, ['phones.0.kind']);
    assertRefused(contactSchema, { ...contact, birthday: '12/03/1985' }, ['birthday']);
    assertRefused(contactSchema, { ...contact, gps: { lat: 106.7, lng: 10.77 } }, ['gps.lat']);
    assertRefused(contactSchema, { ...contact, kind: 'company' }, ['kind']);
  });
});

describe('company (Công ty / Tổ chức)', () => {
  const company = {
    name: 'Công ty TNHH Minh Phát',
    foundingDate: '2012-06-01',
    taxCode: '0312345678',
    industry: 'Bán lẻ',
    employeeCount: 45,
    annualRevenue: { amount: 18_500_000_000, currency: 'VND' },
    website: 'https://minhphat.vn',
    email: 'lienhe@minhphat.vn',
    phones: ['028 3822 1234'],
    address: benNghe,
  };

  it('a company parses as a potential customer', () => {
    assert.equal(parseWith(companySchema, company, 'company').status, 'potential');
  });

  it('a branch tax code (10 digits - 3 digits) is accepted', () => {
    assert.equal(parseWith(companySchema, { ...company, taxCode: '0312345678-001' }).taxCode, '0312345678-001');
  });

  it('a tax code that is not 10 or 13 digits is refused', () => {
    assertRefused(companySchema, { ...company, taxCode: '12345' }, ['taxCode']);
    assertRefused(companySchema, { ...company, taxCode: '0312345678001' }, ['taxCode']);
    assertRefused(companySchema, { ...company, taxCode: '0312345678-01' }, ['taxCode']);
  });

  it('an unknown status and a negative headcount are named', () => {
    assertRefused(companySchema, { ...company, status: 'partner', employeeCount: -1 }, ['status', 'employeeCount']);
  });
});
