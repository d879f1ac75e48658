// Runs in Chromium (see pipeline-board.bench.ts): <crm-pipeline-board> over a crm holding 10,000 open
// opportunities in six stages, against the peer — a plain Lit element rendering the same 10,000 cards (same
// markup, same columns) with `repeat`. Each side is rendered fresh several times, alternating. The first render
// is timed from the moment the data is in memory (the board's `crm-pipeline-board:loaded` mark; the peer's
// attach) until the frame after it (style, layout and paint included); the board's time including its load from
// the crm is reported too.
import { LitElement, css, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { createCrm, createMemoryAdapter, crmStorageSchema, type Crm } from '@crmkit/core';
import '../../packages/elements/src/define/pipeline-board.js';
import { loadPipeline } from '../../packages/elements/src/components/pipeline-board/pipeline-loader.js';

const CARDS = 10_000;
const ROUNDS = 5;
const STAGES = ['Mới', 'Liên hệ', 'Đủ điều kiện', 'Báo giá', 'Đàm phán', 'Thắng'];
const NAMES = ['Gói cước', 'Thiết bị định vị', 'Phần mềm kế toán', 'Camera an ninh', 'Máy chấm công', 'Tổng đài ảo'];
const CUSTOMERS = ['Công ty Minh Phát', 'Cửa hàng Hương Lan', 'Nhà hàng Sông Hồng', 'Công ty Đường Sắt', 'Siêu thị Bình An'];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function seed(): Promise<Crm> {
  const storage = await createMemoryAdapter({ schema: crmStorageSchema });
  const crm = createCrm({ storage, actor: { id: 'u-bench', role: 'admin' } });
  const next = random(7);
  const pick = <T,>(values: readonly T[]) => values[Math.floor(next() * values.length)]!;
  await crm.stages.createMany(STAGES.map((name, i) => ({ name, sequence: i, defaultProbability: i * 20, isWon: i === STAGES.length - 1 })));
  const stages = await crm.stages.listAll();
  await crm.users.createMany(Array.from({ length: 20 }, (_, i) => ({ name: `Nhân viên ${i + 1}`, role: 'salesperson' as const })));
  const users = await crm.users.listAll();
  await crm.companies.createMany(CUSTOMERS.map((name) => ({ name }) as never));
  const companies = await crm.companies.listAll();
  // 10k deals spread over every stage, the won one included, loaded as they are (a migration's system actor:
  // plain creates refuse the won stage, which crm.pipeline.markWon owns)
  const loader = crm.as({ id: 'u-bench-loader', role: 'system' });
  for (let i = 0; i < CARDS; i += 1000) {
    await loader.opportunities.createMany(
      Array.from({ length: 1000 }, (_, k) => ({
        name: `${pick(NAMES)} #${i + k + 1}`,
        stageId: pick(stages).id,
        companyId: pick(companies).id,
        salespersonId: pick(users).id,
        expectedRevenue: { amount: Math.round(next() * 500) * 100_000, currency: 'VND' },
        priority: Math.floor(next() * 4),
        ownerId: 'u-bench',
      })),
    );
  }
  return crm;
}

type Card = { id: string; name: string; customer: string; value: string; stars: number; salesperson: string };

/** The peer: a plain Lit element rendering every card of every column with `repeat`, no windowing. */
class PeerCardList extends LitElement {
  static override properties = { columns: { attribute: false } };
  static override styles = css`
    :host { display: flex; gap: 8px; height: 640px; overflow: auto; font: 14px system-ui; }
    .column { flex: 0 0 272px; overflow-y: auto; }
    .card { display: flex; flex-direction: column; height: 116px; margin: 4px 6px; border: 1px solid #ccc; }
  `;
  columns: { label: string; cards: Card[] }[] = [];
  override render() {
    return this.columns.map(
      (column) => html`<section class="column"><h3>${column.label}</h3><div role="list">${repeat(
        column.cards,
        (card) => card.id,
        (card) => html`<div class="card" role="listitem" tabindex="-1">
          <span class="name">${card.name}</span>
          <span class="line"><span class="customer">${card.customer}</span></span>
          <span class="line"><span class="value">${card.value}</span><span class="stars" role="img" aria-label="${card.stars}/3">${'★'.repeat(card.stars)}${'☆'.repeat(3 - card.stars)}</span></span>
          <span class="line"><span class="salesperson">${card.salesperson}</span></span>
          <span class="actions"><button type="button">Thắng</button><button type="button">Thua</button></span>
        </div>`,
      )}</div></section>`,
    );
  }
}
customElements.define('peer-card-list', PeerCardList);

/** Every node below `root`, shadow roots included: [elements, all nodes (text and comments too)]. */
function countNodes(root: Node): [number, number] {
  let elements = 0;
  let nodes = 0;
  const visit = (node: Node) => {
    nodes++;
    if (node instanceof Element) {
      elements++;
      if (node.shadowRoot) visit(node.shadowRoot);
    }
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
  };
  visit(root);
  return [elements, nodes];
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function timeBoard(crm: Crm) {
  const host = document.createElement('div');
  document.body.append(host);
  await frame();
  const start = performance.now();
  const board = document.createElement('crm-pipeline-board');
  board.crm = crm;
  host.append(board);
  await board.updateComplete;
  void document.body.offsetHeight;
  await frame();
  const end = performance.now();
  const loaded = performance.getEntriesByName('crm-pipeline-board:loaded', 'mark').at(-1)!.startTime;
  performance.clearMarks();
  const cards = board.shadowRoot!.querySelectorAll('.card').length;
  const [elements, nodes] = countNodes(host);
  host.remove();
  return { ms: end - loaded, totalMs: end - start, elements, nodes, cards };
}

async function timePeer(columns: PeerCardList['columns']) {
  const host = document.createElement('div');
  document.body.append(host);
  await frame();
  const start = performance.now();
  const peer = document.createElement('peer-card-list') as PeerCardList;
  peer.columns = columns;
  host.append(peer);
  await peer.updateComplete;
  void document.body.offsetHeight;
  await frame();
  const ms = performance.now() - start;
  const cards = peer.shadowRoot!.querySelectorAll('.card').length;
  const [elements, nodes] = countNodes(host);
  host.remove();
  return { ms, totalMs: ms, elements, nodes, cards };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Seeds the store, then renders the board and the peer alternately, ROUNDS times each. */
export async function run() {
  const crm = await seed();
  const loadStart = performance.now();
  const snapshot = await loadPipeline(crm);
  const loadMs = performance.now() - loadStart;
  const format = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });
  const peerColumns = [...snapshot.stages]
    .sort((a, b) => a.sequence - b.sequence)
    .map((stage) => ({
      label: stage.name,
      cards: [...snapshot.opportunities.values()]
        .filter((opportunity) => opportunity.stageId === stage.id)
        .map((opportunity) => ({
          id: opportunity.id,
          name: opportunity.name,
          customer: snapshot.customerNames.get(opportunity.companyId ?? '') ?? '',
          value: format.format(opportunity.expectedRevenue?.amount ?? 0),
          stars: opportunity.priority ?? 0,
          salesperson: snapshot.users.get(opportunity.salespersonId ?? '')?.name ?? '',
        })),
    }));
  const ours: Awaited<ReturnType<typeof timeBoard>>[] = [];
  const peer: Awaited<ReturnType<typeof timePeer>>[] = [];
  // one warm-up each (module code, style sheets), not counted
  await timeBoard(crm);
  await timePeer(peerColumns);
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      ours.push(await timeBoard(crm));
      peer.push(await timePeer(peerColumns));
    } else {
      peer.push(await timePeer(peerColumns));
      ours.push(await timeBoard(crm));
    }
  }
  return {
    cards: snapshot.opportunities.size,
    loadMs,
    ours: { ms: median(ours.map((r) => r.ms)), totalMs: median(ours.map((r) => r.totalMs)), elements: ours[0]!.elements, nodes: ours[0]!.nodes, renderedCards: ours[0]!.cards },
    peer: { ms: median(peer.map((r) => r.ms)), totalMs: median(peer.map((r) => r.totalMs)), elements: peer[0]!.elements, nodes: peer[0]!.nodes, renderedCards: peer[0]!.cards },
    userAgent: navigator.userAgent,
  };
}
