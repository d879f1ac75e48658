// The elements under a host Content-Security-Policy that forbids inline style attributes (`style-src-attr
// 'none'`), as strict ERP portals set it: the board's card positions and the agenda's grid must still apply,
// and nothing may be reported as a violation. The policy is a <meta> added before any element renders.
import { expect } from 'chai';
import { createCrm, createMemoryAdapter, crmStorageSchema, MemoryDatabase, type Crm } from '@crmkit/core';
import '../src/define/pipeline-board.js';
import '../src/define/agenda.js';
import type { CrmPipelineBoard } from '../src/components/pipeline-board/pipeline-board.component.js';
import type { CrmAgenda } from '../src/components/agenda/agenda.component.js';
import { until } from './dom-helpers.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void> | void) => void;
declare const before: (body: () => Promise<void> | void) => void;

const NOW = new Date('2026-11-23T03:00:00.000Z');
const violations: string[] = [];

async function openCrm(): Promise<Crm> {
  const storage = await createMemoryAdapter({ schema: crmStorageSchema, database: new MemoryDatabase() });
  return createCrm({ storage, actor: { id: 'u-an', role: 'admin' }, now: () => NOW });
}

/** Lets the browser deliver any violation report (they are queued as tasks). */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

describe('elements under a CSP without inline style attributes', () => {
  before(async () => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "style-src-attr 'none'";
    document.head.append(meta);
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective}: ${event.sample}`));
  });

  it('is a real policy: a style attribute is refused and reported', async () => {
    const probe = document.createElement('div');
    probe.setAttribute('style', 'margin-left: 17px');
    document.body.append(probe);
    await settle();
    expect(getComputedStyle(probe).marginLeft).to.equal('0px');
    expect(violations.length, 'the refused attribute was reported').to.be.greaterThan(0);
    probe.remove();
    violations.length = 0;
  });

  it('the pipeline board still places its cards one slot apart, with no violation', async () => {
    const crm = await openCrm();
    await crm.stages.create({ name: 'Mới', sequence: 1, defaultProbability: 10 }, { id: 's-new' });
    await crm.opportunities.create({ name: 'Gói cước doanh nghiệp', stageId: 's-new' }, { id: 'o-1' });
    await crm.opportunities.create({ name: 'Thiết bị định vị', stageId: 's-new' }, { id: 'o-2' });
    const board = document.createElement('crm-pipeline-board') as CrmPipelineBoard;
    board.crm = crm;
    document.body.append(board);
    await until(() => board.shadowRoot!.querySelectorAll('.card').length === 2, 'two cards');
    await settle();
    const cards = [...board.shadowRoot!.querySelectorAll<HTMLElement>('.card')];
    const tops = cards.map((card) => parseFloat(getComputedStyle(card).top));
    expect(tops[1]! - tops[0]!, 'the second card is one slot below the first').to.equal(124);
    expect(getComputedStyle(board.shadowRoot!.querySelector('.window')!).height).to.equal('248px');
    expect(violations).to.deep.equal([]);
    board.remove();
  });

  it('the agenda still lays its week out in seven day columns, with no violation', async () => {
    const agenda = document.createElement('crm-agenda') as CrmAgenda;
    agenda.crm = await openCrm();
    agenda.view = 'week';
    document.body.append(agenda);
    await until(() => agenda.shadowRoot!.querySelector('.time-grid') !== null, 'the week grid');
    await settle();
    const columns = getComputedStyle(agenda.shadowRoot!.querySelector('.time-grid')!).gridTemplateColumns.split(' ');
    expect(columns.length, 'the hour column and seven days').to.equal(8);
    expect(violations).to.deep.equal([]);
    agenda.remove();
  });
});
