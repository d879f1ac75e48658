import { z } from 'zod';
import type { CrmContext } from '../crm/context.js';
import { takeNextNumber } from '../crm/numbering.js';
import { WriteSet } from '../crm/write-set.js';
import { CrmNotFoundError, CrmRuleError } from '../errors.js';
import type { Contract } from '../schema/contract.js';
import { documentLineSchema, type DocumentLine } from '../schema/document-line.js';
import type { Opportunity } from '../schema/opportunity.js';
import type { Order } from '../schema/order.js';
import type { Quote } from '../schema/quote.js';
import { failField, parseWith, requireObject } from '../schema/validate.js';
import { addDaysToDate, DEFAULT_UTC_OFFSET_MINUTES, localDate } from '../sales/calendar.js';
import { documentTotals } from '../sales/document-totals.js';
import type { StoredRecord } from '../storage/contract.js';
import { canMoveQuote, contractEndDate, isQuoteOverdue, type QuoteState } from './quote-states.js';

/** Options of the documents service. */
export interface DocumentsOptions {
  /** Days a quote stays valid when no `validUntil` is given (default 30). */
  quoteValidityDays?: number;
  /** The sequences documents are numbered from (defaults `quote`, `order`, `contract`; formats in `sequence` records). */
  sequences?: { quote?: string; order?: string; contract?: string };
  /** The UTC offset that decides "today" for dates and expiry (default Vietnam's, +420). */
  utcOffsetMinutes?: number;
}

/** Input of a new quote. */
export interface QuoteInput {
  opportunityId?: string;
  contactId?: string;
  companyId?: string;
  /** Issue date (YYYY-MM-DD); today by default. */
  date?: string;
  validUntil?: string;
  lines: readonly DocumentLine[] | readonly Record<string, unknown>[];
  currency?: string;
  note?: string;
}

const linesInput = z.object({ lines: z.array(documentLineSchema).max(1000) });

/** Validates document lines first, so a bad line is named `lines.N.field` before any arithmetic. */
function parseLines(lines: unknown): DocumentLine[] {
  return parseWith(linesInput, { lines }, 'quote').lines;
}

/**
 * Quotes, orders and contracts (`crm.documents`). A quote is numbered from a configurable sequence — the
 * sequence record is bumped in the same commit, so two quotes never share a number — with a validity, lines
 * and totals, and moves draft → sent → accepted / rejected / expired. An order is made from an accepted quote;
 * a contract follows a won opportunity.
 */
export class DocumentsService {
  private readonly validityDays: number;
  private readonly sequences: { quote: string; order: string; contract: string };
  private readonly offset: number;

  constructor(
    private readonly context: CrmContext,
    options: DocumentsOptions = {},
  ) {
    this.validityDays = options.quoteValidityDays ?? 30;
    this.sequences = { quote: 'quote', order: 'order', contract: 'contract', ...options.sequences };
    this.offset = options.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES;
  }

  private today(): string {
    return localDate(this.context.now(), this.offset);
  }

  private async read<T extends object>(entity: string, id: string): Promise<StoredRecord<T>> {
    const [record] = await this.context.storage.get(entity, [id]);
    if (!record) throw new CrmNotFoundError(entity, id);
    return record as StoredRecord<T>;
  }

  private async reference<T extends object>(entity: string, id: string, path: string, owner: string): Promise<StoredRecord<T>> {
    const [record] = await this.context.storage.get(entity, [id]);
    if (!record) failField(path, `no ${entity} with id "${id}"`, 'unknown_reference', owner);
    return record as StoredRecord<T>;
  }

  // ---- quotes ----------------------------------------------------------------------------------------------

  /**
   * Makes a draft quote: lines validated (a negative quantity is refused at `lines.N.quantity`), totals computed,
   * the customer taken from the opportunity unless given, valid for the configured days unless `validUntil` is
   * given, and numbered from the quote sequence in the same commit.
   */
  async createQuote(input: QuoteInput): Promise<StoredRecord<Quote>> {
    requireObject(input, '', 'quote');
    const lines = parseLines(input.lines);
    const opportunity = input.opportunityId ? await this.reference<Opportunity>('opportunity', input.opportunityId, 'opportunityId', 'quote') : undefined;
    const date = input.date ?? this.today();
    const writes = new WriteSet(this.context, 'quote.create');
    const number = await takeNextNumber(this.context, writes, this.sequences.quote);
    const quote: Record<string, unknown> = {
      number,
      date,
      validUntil: input.validUntil ?? (/^\d{4}-\d{2}-\d{2}$/.test(date) ? addDaysToDate(date, this.validityDays) : undefined),
      lines,
      totals: documentTotals(lines),
      state: 'draft',
    };
    for (const [field, value] of Object.entries({
      opportunityId: input.opportunityId,
      contactId: input.contactId ?? opportunity?.contactId,
      companyId: input.companyId ?? opportunity?.companyId,
      currency: input.currency ?? opportunity?.expectedRevenue?.currency,
      note: input.note,
      ownerId: opportunity?.ownerId,
      teamId: opportunity?.teamId,
    })) {
      if (value !== undefined) quote[field] = value;
    }
    const id = this.context.newId();
    writes.create('quote', quote, { id });
    const { records } = await writes.commit('quote');
    return records.find((record) => record.id === id) as unknown as StoredRecord<Quote>;
  }

  /** Replaces a draft quote's lines and recomputes its totals; a sent or closed quote is refused (`quote_locked`). */
  async updateQuoteLines(quoteId: string, lines: readonly Record<string, unknown>[], options: { expectedRev?: number } = {}): Promise<StoredRecord<Quote>> {
    const parsed = parseLines(lines);
    const quote = await this.read<Quote>('quote', quoteId);
    if (quote.state !== 'draft') throw new CrmRuleError('quote_locked', `Quote ${quote.number} is ${quote.state}; only a draft's lines change (send it back to draft first)`);
    return this.commitQuote({ ...quote, rev: options.expectedRev ?? quote.rev }, { lines: parsed, totals: documentTotals(parsed) }, 'quote.lines');
  }

  /**
   * Moves a quote to another state along the allowed transitions (`QUOTE_TRANSITIONS`); any other move is
   * refused with a `CrmRuleError` (`quote_transition`). Accepting a quote past its validity is refused
   * (`quote_expired`): expire it instead.
   */
  async moveQuote(quoteId: string, to: QuoteState, options: { expectedRev?: number } = {}): Promise<StoredRecord<Quote>> {
    const quote = await this.read<Quote>('quote', quoteId);
    if (!canMoveQuote(quote.state, to)) throw new CrmRuleError('quote_transition', `A ${quote.state} quote cannot become ${to}`);
    if (to === 'accepted' && isQuoteOverdue(quote, this.today())) throw new CrmRuleError('quote_expired', `Quote ${quote.number} was valid until ${quote.validUntil}`);
    return this.commitQuote({ ...quote, rev: options.expectedRev ?? quote.rev }, { state: to }, `quote.${to}`);
  }

  /** Sends a draft quote. */
  sendQuote(quoteId: string, options: { expectedRev?: number } = {}): Promise<StoredRecord<Quote>> {
    return this.moveQuote(quoteId, 'sent', options);
  }

  /** Records the customer's acceptance of a sent quote (refused once past its validity). */
  acceptQuote(quoteId: string, options: { expectedRev?: number } = {}): Promise<StoredRecord<Quote>> {
    return this.moveQuote(quoteId, 'accepted', options);
  }

  /** Records the customer's rejection of a sent quote. */
  rejectQuote(quoteId: string, options: { expectedRev?: number } = {}): Promise<StoredRecord<Quote>> {
    return this.moveQuote(quoteId, 'rejected', options);
  }

  /** Expires every sent quote whose validity ran out before today, in one commit (a daily job). */
  async expireQuotes(): Promise<StoredRecord<Quote>[]> {
    const today = this.today();
    const page = await this.context.storage.query({ entity: 'quote', where: [{ field: 'state', op: 'eq', value: 'sent' }] });
    const overdue = (page.records as unknown as StoredRecord<Quote>[]).filter((quote) => isQuoteOverdue(quote, today));
    if (overdue.length === 0) return [];
    const writes = new WriteSet(this.context, 'quote.expired');
    for (const quote of overdue) writes.update('quote', quote, { state: 'expired' });
    const { records } = await writes.commit('quote');
    return records as unknown as StoredRecord<Quote>[];
  }

  private async commitQuote(quote: StoredRecord<Quote>, patch: Record<string, unknown>, action: string): Promise<StoredRecord<Quote>> {
    const writes = new WriteSet(this.context, action);
    writes.update('quote', quote, patch);
    const { records } = await writes.commit('quote');
    return records[0] as unknown as StoredRecord<Quote>;
  }

  // ---- orders ----------------------------------------------------------------------------------------------

  /**
   * Makes an order from an accepted quote: its lines, totals and customer, numbered from the order sequence,
   * with delivery and payment details. A quote that is not accepted (`quote_not_accepted`) or already has an
   * order (`quote_ordered`) is refused.
   */
  async orderFromQuote(
    quoteId: string,
    input: { date?: string; deliveryAddress?: Order['deliveryAddress']; deliveryTime?: string; paymentMethod?: Order['paymentMethod']; note?: string } = {},
  ): Promise<StoredRecord<Order>> {
    const quote = await this.read<Quote>('quote', quoteId);
    if (quote.state !== 'accepted') throw new CrmRuleError('quote_not_accepted', `Quote ${quote.number} is ${quote.state}; an order follows an accepted quote`);
    const existing = await this.context.storage.count({ entity: 'order', where: [{ field: 'quoteId', op: 'eq', value: quote.id }] });
    if (existing > 0) throw new CrmRuleError('quote_ordered', `Quote ${quote.number} already has an order`);
    const writes = new WriteSet(this.context, 'order.fromQuote');
    const number = await takeNextNumber(this.context, writes, this.sequences.order);
    // only the delivery and payment details are the caller's: the number, lines, totals and quote link come from the quote
    const { date, deliveryAddress, deliveryTime, paymentMethod, note } = input ?? {};
    const order: Record<string, unknown> = { number, quoteId: quote.id, date: date ?? this.today(), currency: quote.currency, lines: quote.lines, totals: documentTotals(quote.lines), status: 'confirmed' };
    for (const [field, value] of Object.entries({ opportunityId: quote.opportunityId, contactId: quote.contactId, companyId: quote.companyId, ownerId: quote.ownerId, teamId: quote.teamId, deliveryAddress, deliveryTime, paymentMethod, note })) {
      if (value !== undefined) order[field] = value;
    }
    const id = this.context.newId();
    writes.create('order', order, { id });
    const { records } = await writes.commit('order');
    return records.find((record) => record.id === id) as unknown as StoredRecord<Order>;
  }

  // ---- contracts -------------------------------------------------------------------------------------------

  /**
   * Makes a contract for a won opportunity (`opportunity_not_won` otherwise), numbered from the contract
   * sequence. With a start date and a term in months, the end date follows; the value defaults to the
   * opportunity's expected revenue.
   */
  async createContract(
    opportunityId: string,
    input: { signingDate?: string; startDate?: string; termMonths?: number; terms?: string; value?: Contract['value']; status?: Contract['status'] } = {},
  ): Promise<StoredRecord<Contract>> {
    const opportunity = await this.read<Opportunity>('opportunity', opportunityId);
    if (opportunity.status !== 'won') throw new CrmRuleError('opportunity_not_won', `Opportunity "${opportunity.name}" is ${opportunity.status}; a contract follows a won deal`);
    const writes = new WriteSet(this.context, 'contract.create');
    const number = await takeNextNumber(this.context, writes, this.sequences.contract);
    const contract: Record<string, unknown> = { number, opportunityId, status: input.status ?? 'draft' };
    const endDate = input.startDate && input.termMonths && Number.isInteger(input.termMonths) && input.termMonths > 0 ? contractEndDate(input.startDate, input.termMonths) : undefined;
    for (const [field, value] of Object.entries({
      companyId: opportunity.companyId,
      contactId: opportunity.contactId,
      value: input.value ?? opportunity.expectedRevenue,
      ownerId: opportunity.ownerId,
      teamId: opportunity.teamId,
      signingDate: input.signingDate,
      startDate: input.startDate,
      termMonths: input.termMonths,
      endDate: /^\d{4}-\d{2}-\d{2}$/.test(input.startDate ?? '') ? endDate : undefined,
      terms: input.terms,
    })) {
      if (value !== undefined) contract[field] = value;
    }
    const id = this.context.newId();
    writes.create('contract', contract, { id });
    const { records } = await writes.commit('contract');
    return records.find((record) => record.id === id) as unknown as StoredRecord<Contract>;
  }
}
