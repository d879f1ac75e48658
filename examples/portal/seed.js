// Realistic Vietnamese demo data: customers in Hà Nội and TP. Hồ Chí Minh with GPS, leads, opportunities in
// every stage, two routes assigned to a salesperson.
export async function seed(crm) {
  await crm.pipeline.seedDefaultStages();
  await crm.users.createMany([
    { id: 'u-an', name: 'Nguyễn Văn An', role: 'salesperson', teamIds: ['team-hn'], email: 'an@minhphat.vn' },
    { id: 'u-binh', name: 'Trần Thị Bình', role: 'salesperson', teamIds: ['team-hcm'], email: 'binh@minhphat.vn' },
    { id: 'u-lan', name: 'Lê Thị Lan', role: 'team_leader', teamIds: ['team-hn'], email: 'lan@minhphat.vn' },
  ]);
  await crm.salesTeams.createMany([
    { id: 'team-hn', name: 'Nhóm Hà Nội', leaderId: 'u-lan', memberIds: ['u-an'] },
    { id: 'team-hcm', name: 'Nhóm TP. Hồ Chí Minh', memberIds: ['u-binh'] },
  ]);
  await crm.tags.createMany([
    { id: 'tag-vip', name: 'VIP', color: '#b42318' },
    { id: 'tag-dai-ly', name: 'Đại lý', color: '#0b5cad' },
  ]);
  await crm.lostReasons.createMany([
    { id: 'lr-price', name: 'Giá cao', labels: { vi: 'Giá cao', en: 'Price too high' } },
    { id: 'lr-competitor', name: 'Chọn đối thủ', labels: { vi: 'Chọn đối thủ', en: 'Chose a competitor' } },
  ]);
  const hanoi = [
    ['c-hn-1', 'Tạp hóa Cô Ba', 'Phường Hàng Bạc', 'Quận Hoàn Kiếm', 21.0341, 105.8516],
    ['c-hn-2', 'Cửa hàng Minh Châu', 'Phường Kim Mã', 'Quận Ba Đình', 21.0313, 105.8213],
    ['c-hn-3', 'Siêu thị mini Hương Lan', 'Phường Láng Hạ', 'Quận Đống Đa', 21.0142, 105.8125],
    ['c-hn-4', 'Đại lý Phúc Thịnh', 'Phường Dịch Vọng', 'Quận Cầu Giấy', 21.0366, 105.7907],
    ['c-hn-5', 'Nhà thuốc An Khang', 'Phường Bạch Mai', 'Quận Hai Bà Trưng', 21.0007, 105.8498],
    ['c-hn-6', 'Tạp hóa Thu Trang', 'Phường Quảng An', 'Quận Tây Hồ', 21.0654, 105.8262],
  ];
  const hcm = [
    ['c-hcm-1', 'Cửa hàng Bến Thành', 'Phường Bến Thành', 'Quận 1', 10.7725, 106.6980],
    ['c-hcm-2', 'Tạp hóa Chị Hai', 'Phường 7', 'Quận 3', 10.7829, 106.6880],
    ['c-hcm-3', 'Đại lý Thành Công', 'Phường 12', 'Quận Tân Bình', 10.8016, 106.6527],
    ['c-hcm-4', 'Siêu thị mini Phú Nhuận', 'Phường 9', 'Quận Phú Nhuận', 10.7991, 106.6803],
  ];
  const shop = (province) => ([id, fullName, ward, district, lat, lng]) => ({ id, kind: 'shop', fullName, address: { ward, district, province }, gps: { lat, lng }, phones: [{ number: `09${id.length}${String(lat).slice(-7).replace('.', '')}`.slice(0, 10), kind: 'mobile' }], ownerId: province === 'Hà Nội' ? 'u-an' : 'u-binh', tagIds: lat > 21.03 ? ['tag-dai-ly'] : [] });
  await crm.contacts.createMany([...hanoi.map(shop('Hà Nội')), ...hcm.map(shop('TP. Hồ Chí Minh'))]);
  await crm.companies.createMany([
    { id: 'co-fpt', name: 'Công ty Cổ phần FPT', taxCode: '0101248141', address: { district: 'Quận Cầu Giấy', province: 'Hà Nội' } },
    { id: 'co-vinamilk', name: 'Công ty Cổ phần Sữa Việt Nam', taxCode: '0300588569', address: { district: 'Quận 7', province: 'TP. Hồ Chí Minh' } },
  ]);
  const stages = ['stage-contact', 'stage-evaluate', 'stage-propose', 'stage-negotiate', 'stage-won'];
  const names = ['Đường truyền cáp quang', 'Thiết bị mạng', 'Gói phần mềm bán hàng', 'Camera an ninh', 'Tổng đài IP', 'Máy POS', 'Wi-Fi văn phòng', 'Bảo trì năm 2027'];
  const opportunities = [];
  for (let i = 0; i < 24; i++) {
    const customer = i % 2 === 0 ? hanoi[i % hanoi.length] : hcm[i % hcm.length];
    opportunities.push({
      name: `${names[i % names.length]} — ${customer[1]}`,
      contactId: customer[0],
      companyId: i % 5 === 0 ? 'co-fpt' : undefined,
      // deals of the won column start in negotiation and are won below, as a salesperson would (the stage history shows it)
      stageId: stages[i % stages.length] === 'stage-won' ? 'stage-negotiate' : stages[i % stages.length],
      expectedRevenue: { amount: (5 + ((i * 7) % 40)) * 1_000_000, currency: 'VND' },
      probability: [10, 30, 50, 70, 100][i % 5],
      priority: i % 4,
      salespersonId: i % 2 === 0 ? 'u-an' : 'u-binh',
      salesTeamId: i % 2 === 0 ? 'team-hn' : 'team-hcm',
      tagIds: i % 3 === 0 ? ['tag-vip'] : [],
      expectedCloseDate: `2026-12-${String(1 + (i % 28)).padStart(2, '0')}`,
    });
  }
  const opened = await crm.opportunities.createMany(opportunities);
  for (const [i, opportunity] of opened.entries()) if (stages[i % stages.length] === 'stage-won') await crm.pipeline.markWon(opportunity.id);
  await crm.leads.createMany([
    { title: 'Hỏi giá gói cước doanh nghiệp', contactName: 'Phạm Quốc Huy', phones: { mobile: '0903 456 789' }, channel: 'phone', address: { province: 'Hà Nội' } },
    { title: 'Cần 20 camera cho kho', contactName: 'Võ Thị Mai', companyName: 'Công ty TNHH Kho Vận Sài Gòn', email: 'mai.vo@khovansg.vn', channel: 'website', address: { province: 'TP. Hồ Chí Minh' } },
  ]);
  const route = (id, name, region, members, userId) => ({
    id, name, region,
    members: members.map(([customerId], i) => ({ customerId, customerEntity: 'contact', participation: 'in_route', history: [{ participation: 'in_route', at: '2026-09-01T01:00:00.000Z' }], visitOrder: i, visitPlan: { frequency: { kind: 'weekly', weekdays: [1 + (i % 5)] } } })),
  });
  await crm.routes.createMany([route('route-hn', 'Tuyến Hà Nội 1', 'Hà Nội', hanoi), route('route-hcm', 'Tuyến Sài Gòn 1', 'TP. Hồ Chí Minh', hcm)]);
  await crm.routeAssignments.createMany([
    { routeId: 'route-hn', userId: 'u-an', effectiveFrom: '2026-09-01' },
    { routeId: 'route-hcm', userId: 'u-binh', effectiveFrom: '2026-09-01' },
  ]);
  // the manager's week: activity types with a follow-up, a few activities around today, a template and a notice
  await crm.activityTypes.createMany([
    { id: 'type-quote', name: 'Gửi báo giá', labels: { vi: 'Gửi báo giá', en: 'Send a quote' }, kind: 'email' },
    { id: 'type-call', name: 'Gọi điện', labels: { vi: 'Gọi điện', en: 'Call' }, kind: 'call', nextTypeId: 'type-quote', nextDelayDays: 2 },
  ]);
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10); // Hà Nội's date
  const at = (days, time) => new Date(Date.parse(`${today}T${time}:00.000+07:00`) + days * 86_400_000).toISOString();
  const plan = [
    [-1, '09:00', 'Gặp anh Huy (gói cước doanh nghiệp)', 'meeting', undefined],
    [0, '10:30', 'Gọi Tạp hóa Cô Ba về đơn tháng 12', 'call', 'type-call'],
    [0, '14:00', 'Thăm Cửa hàng Minh Châu', 'visit', undefined],
    [1, '08:30', 'Zalo cho chị Mai (Kho Vận Sài Gòn)', 'zalo', undefined],
    [2, '15:00', 'Họp nhóm Hà Nội', 'meeting', undefined],
  ];
  for (const [days, time, summary, kind, typeId] of plan) {
    await crm.activityPlanner.schedule({ summary, kind, ...(typeId ? { typeId } : {}), assigneeId: 'u-lan', dueAt: at(days, time), reminderOffsetsMinutes: [15] });
  }
  await crm.communications.saveTemplate({
    name: 'Cảm ơn khách hàng', channel: 'email', entity: 'contact', format: 'html',
    subject: 'Cảm ơn {{contact.fullName}} đã tin dùng Minh Phát',
    body: '<p>Kính gửi {{contact.fullName}},</p><p>Minh Phát cảm ơn quý khách đã đồng hành trong năm 2026.</p>',
  }, { id: 'tpl-thanks' });
  await crm.contacts.update('c-hn-1', { emails: ['coba.taphoa@gmail.com'] });
  await crm.communications.notify({ userIds: ['u-lan'], title: 'An đã chốt đơn với Đại lý Phúc Thịnh', record: { entity: 'contact', id: 'c-hn-4' } });
}
