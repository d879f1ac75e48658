import type { CrmContext, SaveEvent } from '../crm/context.js';
import type { DuplicatesService } from '../dedup/duplicates-service.js';
import { WriteSet } from '../crm/write-set.js';
import { CrmNotFoundError, CrmRuleError } from '../errors.js';
import { newOpportunityData } from '../pipeline/opportunity-rules.js';
import { PipelineService } from '../pipeline/pipeline-service.js';
import type { Company } from '../schema/company.js';
import type { Contact } from '../schema/contact.js';
import type { Bant, Lead } from '../schema/lead.js';
import { bantSchema } from '../schema/lead.js';
import type { Opportunity } from '../schema/opportunity.js';
import type { RawContact } from '../schema/raw-contact.js';
import type { SalesTeam } from '../schema/sales-team.js';
import type { User } from '../schema/user.js';
import { failField, parseWith, requireObject } from '../schema/validate.js';
import { loadReadable } from '../sales/load.js';
import type { StoredRecord } from '../storage/contract.js';
import { isTeamMember, memberCapacity } from '../teams/team-rules.js';
import { pickByRegion, pickRoundRobin, type AssignmentCandidate } from './assignment.js';
import { bantScore, type BantScore } from './bant.js';
import { companyMatchReasons, contactMatchReasons, leadMatchKeys, type CandidateReason, type LeadMatchKeys } from './conversion-candidates.js';
import { companyFromLead, contactFromLead, defaultConversionChoices, opportunityFromLead, type ConversionChoice } from './conversion.js';
import { leadFromRawContact, screenedPatch, type ScreeningDecision } from './screening.js';

/** A stored lead. */
export type StoredLead = StoredRecord<Lead>;

/** Options of the prospecting service. */
export interface ProspectingOptions {
  /**
   * Whether the lead step is on (default). Off, a capture goes straight to an opportunity: the lead is still
   * recorded for its tracking (channel, campaign, source) but converted in the same commit.
   */
  leadStep?: boolean;
}

/** The part of the duplicate engine that proposes conversion candidates (`crm.duplicates` on the facade). */
export type CandidateFinder = Pick<DuplicatesService, 'check'>;

/** What `capture` produced: the lead, and with the lead step off, what it was converted into. */
export interface CaptureResult {
  lead: StoredLead;
  opportunity?: StoredRecord<Opportunity>;
  contact?: StoredRecord<Contact>;
  company?: StoredRecord<Company>;
  /** Duplicate warnings the lead was saved with (a duplicate rule set to warn). */
  warnings: readonly unknown[];
}

/** Options of a conversion: what to do with contact and company, and the opportunity's own fields. */
export interface ConvertOptions {
  contact?: ConversionChoice;
  company?: ConversionChoice;
  /** Fields of the new opportunity (name, stageId, expectedRevenue, expectedCloseDate, ...). */
  opportunity?: Record<string, unknown>;
  /** The lead's revision the user converted; a stale one makes the conversion a conflict, nothing written. */
  expectedRev?: number;
}

/** What a conversion produced; the lead keeps links to all of it. */
export interface ConversionResult {
  lead: StoredLead;
  opportunity: StoredRecord<Opportunity>;
  contact?: StoredRecord<Contact>;
  company?: StoredRecord<Company>;
}

/** An existing record proposed for a conversion, and why. */
export interface ConversionCandidate<T extends object> {
  record: StoredRecord<T>;
  /** The values it shares with the lead (`email`, `phone`, `name`, `company_name`, ...). */
  reasons: CandidateReason[];
  /** The duplicate rule that proposed it and its score, when the duplicate engine did. */
  rule?: string;
  score?: number;
}

/** The records a conversion creates or links, and the lead's links to them. */
interface PlannedConversion {
  leadId: string;
  contactId?: string;
  companyId?: string;
  opportunityId: string;
  links: Record<string, unknown>;
  /** Linked records as read (a linked record left unchanged is not among the commit's records). */
  linked: StoredRecord[];
}

/** One assignment made. */
export interface Assignment {
  leadId: string;
  salespersonId: string;
  salesTeamId?: string;
}

/**
 * Everything before the sale (`crm.prospecting`): screening raw contacts (one or in bulk), capturing leads from
 * any channel with their tracking, BANT qualification, assignment (by hand, round-robin within a team, by sales
 * region, within each member's capacity of open leads), and converting a lead into a contact, a company and an
 * opportunity in one commit.
 */
export class ProspectingService {
  private readonly pipeline: PipelineService;
  private leadStep: boolean;

  /**
   * @param finder the duplicate engine; with it, conversion candidates follow the configured duplicate rules
   *   (fuzzy names, addresses, ...), without it exact e-mail / phone / company-name matching.
   */
  constructor(
    private readonly context: CrmContext,
    options: ProspectingOptions = {},
    private readonly finder?: CandidateFinder,
  ) {
    this.pipeline = new PipelineService(context);
    this.leadStep = options.leadStep ?? true;
  }

  /** Whether captures create leads (true) or go straight to opportunities (false). */
  get leadStepEnabled(): boolean {
    return this.leadStep;
  }

  /** Switches the lead step on or off for this crm. */
  setLeadStep(enabled: boolean): void {
    this.leadStep = enabled;
  }

  private async lead(id: string, expectedRev?: number): Promise<StoredLead> {
    const [record] = (await this.context.storage.get('lead', [id])) as (StoredLead | undefined)[];
    if (!record) throw new CrmNotFoundError('lead', id);
    return expectedRev === undefined ? record : { ...record, rev: expectedRev };
  }

  // ---- screening -------------------------------------------------------------------------------------------

  /** Screens one raw contact (KH Thô) into a lead, or rejects it with a reason. */
  async screen(rawContactId: string, decision: ScreeningDecision): Promise<{ rawContact: StoredRecord<RawContact>; lead?: StoredLead }> {
    const [result] = await this.screenMany([{ rawContactId, ...decision }]);
    return result!;
  }

  /**
   * Screens many raw contacts in one commit. A bad decision anywhere refuses the whole batch, each issue
   * prefixed with the decision's position (`3.screeningReason`, `3.lead.email`); a contact already screened is
   * refused with a `CrmRuleError`.
   */
  async screenMany(decisions: readonly (ScreeningDecision & { rawContactId: string })[]): Promise<{ rawContact: StoredRecord<RawContact>; lead?: StoredLead }[]> {
    decisions.forEach((decision, i) => requireObject(decision, String(i), 'rawContact'));
    const raws = (await this.context.storage.get('rawContact', decisions.map((decision) => decision.rawContactId))) as (StoredRecord<RawContact> | undefined)[];
    const at = this.context.now().toISOString();
    const writes = new WriteSet(this.context, 'rawContact.screen');
    const plan: { rawId: string; leadId?: string }[] = [];
    decisions.forEach((decision, i) => {
      const raw = raws[i];
      if (decision.decision !== 'lead' && decision.decision !== 'reject') failField(`${i}.decision`, `must be "lead" (screen it into a lead) or "reject" (with a reason), not ${JSON.stringify((decision as { decision: unknown }).decision)}`, 'invalid_value', 'rawContact');
      if (!raw) throw new CrmNotFoundError('rawContact', decision.rawContactId);
      if (raw.screeningStatus !== 'pending') throw new CrmRuleError('already_screened', `Raw contact ${raw.id} was already ${raw.screeningStatus}`);
      if (decision.decision === 'reject' && !decision.reason?.trim()) {
        writes.update('rawContact', raw, screenedPatch({ decision: 'reject', reason: '' }, at), { pathPrefix: String(i) });
        return;
      }
      let leadId: string | undefined;
      if (decision.decision === 'lead') {
        leadId = this.context.newId();
        writes.create('lead', leadFromRawContact(raw, decision.lead), { id: leadId, pathPrefix: `${i}.lead` });
      }
      writes.update('rawContact', raw, screenedPatch(decision, at, leadId), { pathPrefix: String(i) });
      plan.push(leadId ? { rawId: raw.id, leadId } : { rawId: raw.id });
    });
    const { records } = await writes.commit('rawContact');
    return plan.map(({ rawId, leadId }) => {
      const rawContact = records.find((record) => record.id === rawId && 'screeningStatus' in record) as unknown as StoredRecord<RawContact>;
      const lead = leadId ? (records.find((record) => record.id === leadId && 'title' in record) as unknown as StoredLead) : undefined;
      return lead ? { rawContact, lead } : { rawContact };
    });
  }

  // ---- capture ---------------------------------------------------------------------------------------------

  /**
   * Records a lead captured on a channel (phone, e-mail, website or landing-page form, Facebook, Zalo, event,
   * walk-in, ...) with its tracking (campaign, medium, source, referred by). The channel is required. With the
   * lead step off, the lead is converted in the same commit into an opportunity (and the contact and company it
   * names). Duplicate rules run as for any lead save.
   */
  async capture(input: Record<string, unknown>, options: { leadStep?: boolean } = {}): Promise<CaptureResult> {
    requireObject(input, '', 'lead');
    if (input['channel'] === undefined) failField('channel', 'say where the lead came from (phone, email, website, facebook, zalo, event, walk_in, ...)', 'required', 'lead');
    const id = typeof input['id'] === 'string' && input['id'] ? input['id'] : this.context.newId();
    const writes = new WriteSet(this.context, 'lead.capture');
    const lead = writes.create('lead', input, { id });
    writes.assertValid('lead');
    const warnings: unknown[] = [];
    for (const guard of this.context.saveGuards) warnings.push(...(await guard({ entity: 'lead', mode: 'create', data: lead!, id })));
    if (options.leadStep ?? this.leadStep) {
      const { records } = await writes.commit('lead');
      return { lead: records[0] as unknown as StoredLead, warnings };
    }
    // the lead step is off: the lead is recorded already converted, with what it became, in one commit
    const converting = new WriteSet(this.context, 'lead.capture');
    const planned = await this.planConversion(converting, lead as unknown as Lead & { id: string }, {});
    converting.create('lead', { ...input, ...planned.links }, { id });
    const { records } = await converting.commit('lead');
    return { ...this.conversionResult(records, planned), warnings };
  }

  // ---- qualification ---------------------------------------------------------------------------------------

  /** Records BANT answers on a lead (merged with those it has) and returns the lead with its score. */
  async qualify(leadId: string, bant: Bant, options: { expectedRev?: number } = {}): Promise<{ lead: StoredLead; score: BantScore }> {
    const answers = parseWith(bantSchema, bant, 'lead');
    const lead = await this.lead(leadId, options.expectedRev);
    const writes = new WriteSet(this.context, 'lead.qualify');
    writes.update('lead', lead, { bant: { ...lead.bant, ...answers } }, { pathPrefix: 'bant' });
    const { records } = await writes.commit('lead');
    const saved = records[0] as unknown as StoredLead;
    return { lead: saved, score: bantScore(saved.bant) };
  }

  /** A lead's BANT score. */
  score(lead: Pick<Lead, 'bant'>): BantScore {
    return bantScore(lead.bant);
  }

  // ---- assignment ------------------------------------------------------------------------------------------

  private async openLeadsOf(userId: string): Promise<number> {
    return this.context.storage.count({ entity: 'lead', where: [{ field: 'salespersonId', op: 'eq', value: userId }, { field: 'status', op: 'eq', value: 'open' }] });
  }

  private async team(teamId: string, path: string): Promise<StoredRecord<SalesTeam>> {
    const [team] = (await this.context.storage.get('salesTeam', [teamId])) as (StoredRecord<SalesTeam> | undefined)[];
    if (!team) failField(path, `no sales team with id "${teamId}"`, 'unknown_reference', 'lead');
    return team;
  }

  private async candidates(team: SalesTeam): Promise<AssignmentCandidate[]> {
    const ids = [...new Set(team.memberIds)];
    const users = (await this.context.storage.get('user', ids)) as (StoredRecord<User> | undefined)[];
    const candidates: AssignmentCandidate[] = [];
    for (const user of users) {
      if (!user || !user.active) continue;
      candidates.push({ userId: user.id, openLeads: await this.openLeadsOf(user.id), capacity: memberCapacity(team, user.id), region: user.region });
    }
    return candidates;
  }

  /**
   * Assigns a lead by hand. With a team, the salesperson must be one of its members (else a validation error at
   * `salespersonId`); the salesperson must be a known, active user with room under their capacity.
   */
  async assign(leadId: string, input: { salespersonId: string; salesTeamId?: string }, options: { expectedRev?: number } = {}): Promise<StoredLead> {
    const lead = await this.lead(leadId, options.expectedRev);
    const [user] = (await this.context.storage.get('user', [input.salespersonId])) as (StoredRecord<User> | undefined)[];
    if (!user || !user.active) failField('salespersonId', `no active user with id "${input.salespersonId}"`, 'unknown_reference', 'lead');
    const teamId = input.salesTeamId ?? lead.salesTeamId;
    let capacity = Number.POSITIVE_INFINITY;
    if (teamId !== undefined) {
      const team = await this.team(teamId, 'salesTeamId');
      if (!isTeamMember(team, user.id)) failField('salespersonId', `${user.name} is not a member of the team ${team.name}`, 'not_a_member', 'lead');
      capacity = memberCapacity(team, user.id);
    }
    if (lead.salespersonId !== user.id && lead.status === 'open' && (await this.openLeadsOf(user.id)) >= capacity) {
      failField('salespersonId', `${user.name} already holds ${capacity} open leads (their capacity)`, 'over_capacity', 'lead');
    }
    const writes = new WriteSet(this.context, 'lead.assign');
    writes.update('lead', lead, { salespersonId: user.id, salesTeamId: teamId, ownerId: user.id, teamId: teamId ?? lead.teamId });
    const { records } = await writes.commit('lead');
    return records[0] as unknown as StoredLead;
  }

  /**
   * Assigns leads round-robin among a team's active members, skipping members at capacity, in one commit. The
   * team remembers where the rotation stopped (`assignmentCursor`), so the next batch continues with the next
   * member. Leads nobody has room for are left unassigned and returned in `unassigned`.
   */
  async assignRoundRobin(leadIds: readonly string[], input: { salesTeamId: string }): Promise<{ assignments: Assignment[]; unassigned: string[] }> {
    const team = await this.team(input.salesTeamId, 'salesTeamId');
    const candidates = await this.candidates(team);
    let cursor = team.assignmentCursor ?? 0;
    return this.assignEach(leadIds, 'lead.assign.roundRobin', team, () => {
      const picked = pickRoundRobin(candidates, cursor);
      if (!picked) return undefined;
      cursor = picked.nextCursor % Math.max(1, candidates.length);
      return picked.candidate;
    }, () => ({ assignmentCursor: cursor }));
  }

  /**
   * Assigns each lead to the least loaded salesperson of its sales region with room: among a team's members
   * when `salesTeamId` is given, otherwise among all active users. Leads without a region or without anyone
   * free in their region come back in `unassigned`.
   */
  async assignByRegion(leadIds: readonly string[], input: { salesTeamId?: string } = {}): Promise<{ assignments: Assignment[]; unassigned: string[] }> {
    const team = input.salesTeamId ? await this.team(input.salesTeamId, 'salesTeamId') : undefined;
    let candidates: AssignmentCandidate[];
    if (team) candidates = await this.candidates(team);
    else {
      const users = (await loadReadable<User>(this.context, 'user')).filter((user) => user.active && user.region);
      candidates = [];
      for (const user of users) candidates.push({ userId: user.id, openLeads: await this.openLeadsOf(user.id), capacity: Number.POSITIVE_INFINITY, region: user.region });
    }
    return this.assignEach(leadIds, 'lead.assign.region', team, (lead) => (lead.salesRegion ? pickByRegion(candidates, lead.salesRegion) : undefined));
  }

  private async assignEach(
    leadIds: readonly string[],
    action: string,
    team: StoredRecord<SalesTeam> | undefined,
    pick: (lead: StoredLead) => AssignmentCandidate | undefined,
    teamPatch?: () => Record<string, unknown>,
  ): Promise<{ assignments: Assignment[]; unassigned: string[] }> {
    const leads = (await this.context.storage.get('lead', leadIds)) as (StoredLead | undefined)[];
    const writes = new WriteSet(this.context, action);
    const assignments: Assignment[] = [];
    const unassigned: string[] = [];
    leads.forEach((lead, i) => {
      if (!lead) throw new CrmNotFoundError('lead', leadIds[i]!);
      if (lead.status !== 'open') throw new CrmRuleError('lead_closed', `Lead ${lead.id} is ${lead.status}; only open leads are assigned`);
      const candidate = pick(lead);
      if (!candidate) {
        unassigned.push(lead.id);
        return;
      }
      candidate.openLeads += 1;
      const teamId = team?.id ?? lead.salesTeamId;
      writes.update('lead', lead, { salespersonId: candidate.userId, ownerId: candidate.userId, ...(teamId ? { salesTeamId: teamId, teamId } : {}) }, { pathPrefix: String(i) });
      assignments.push(teamId ? { leadId: lead.id, salespersonId: candidate.userId, salesTeamId: teamId } : { leadId: lead.id, salespersonId: candidate.userId });
    });
    // the rotation cursor is bookkeeping of the assignments the actor may make, not a change to the team's set-up
    if (team && teamPatch && assignments.length > 0) writes.update('salesTeam', team, teamPatch(), { bookkeeping: true });
    if (writes.size > 0) await writes.commit('lead');
    return { assignments, unassigned };
  }

  // ---- conversion ------------------------------------------------------------------------------------------

  /**
   * Existing contacts and companies a lead may be linked to when it converts. With the duplicate engine: the
   * records its rules match against the contact and company the lead would become (best first), plus companies
   * whose name equals the lead's once legal form and accents are set aside. Without it: those sharing the
   * lead's e-mail or a phone once normalised, and the same company names.
   */
  async conversionCandidates(leadId: string): Promise<{ contacts: ConversionCandidate<Contact>[]; companies: ConversionCandidate<Company>[] }> {
    const lead = await this.lead(leadId);
    const keys = leadMatchKeys(lead);
    if (this.finder) {
      const contacts = lead.contactName || keys.emails.size > 0 || keys.phones.size > 0 ? await this.engineCandidates<Contact>('contact', contactFromLead(lead)) : [];
      const companies = lead.companyName ? await this.engineCandidates<Company>('company', companyFromLead(lead)) : [];
      // the default company rules want a province too; a lead often names only the company
      const seen = new Set(companies.map((candidate) => candidate.record.id));
      const byName = await this.exactCandidates<Company>('company', { emails: new Set(), phones: new Set(), companyName: keys.companyName }, companyMatchReasons);
      return { contacts, companies: [...companies, ...byName.filter((candidate) => !seen.has(candidate.record.id))] };
    }
    return {
      contacts: await this.exactCandidates<Contact>('contact', { ...keys, companyName: null }, contactMatchReasons),
      companies: await this.exactCandidates<Company>('company', keys, companyMatchReasons),
    };
  }

  /** Readable records sharing one of `keys` exactly (nothing is read when the keys are empty). */
  private async exactCandidates<T extends object>(entity: 'contact' | 'company', keys: LeadMatchKeys, reasonsOf: (record: T, keys: LeadMatchKeys) => CandidateReason[]): Promise<ConversionCandidate<T>[]> {
    if (keys.emails.size === 0 && keys.phones.size === 0 && !keys.companyName) return [];
    const candidates: ConversionCandidate<T>[] = [];
    for (const record of await loadReadable<T>(this.context, entity)) {
      const reasons = reasonsOf(record, keys);
      if (reasons.length > 0) candidates.push({ record, reasons });
    }
    return candidates;
  }

  private async engineCandidates<T extends object>(entity: 'contact' | 'company', probe: Record<string, unknown>): Promise<ConversionCandidate<T>[]> {
    const { matches } = await this.finder!.check(entity, probe, { mode: 'create' });
    return matches
      .filter((match) => match.entity === entity && match.record)
      .map((match) => ({ record: match.record as StoredRecord<T>, reasons: match.fields as CandidateReason[], rule: match.rule, score: match.score }));
  }

  /**
   * Converts a lead into a contact, a company (when it names one) and an opportunity, in ONE commit: for contact
   * and company the caller chooses create new, link existing, or none (defaults: create what the lead names).
   * The lead becomes `converted` and keeps links to what it became. Converting twice is refused
   * (`CrmRuleError`, rule `already_converted`); any bad field (`contact.fullName`, `opportunity.stageId`, ...)
   * or a stale `expectedRev` writes nothing.
   */
  async convert(leadId: string, options: ConvertOptions = {}): Promise<ConversionResult> {
    const lead = await this.lead(leadId, options.expectedRev);
    const writes = new WriteSet(this.context, 'lead.convert');
    const planned = await this.planConversion(writes, lead, options);
    writes.update('lead', lead, planned.links);
    const { records } = await writes.commit('lead');
    return this.conversionResult(records, planned);
  }

  private async linked<T extends object>(entity: 'contact' | 'company', id: string): Promise<StoredRecord<T>> {
    const [record] = await this.context.storage.get(entity, [id]);
    if (!record) failField(`${entity}.id`, `no ${entity} with id "${id}"`, 'unknown_reference', 'lead');
    if (!this.context.access.can(this.context.actor, 'read', entity, record)) failField(`${entity}.id`, `you may not see ${entity} "${id}"`, 'forbidden', 'lead');
    return record as StoredRecord<T>;
  }

  /**
   * Adds a conversion's contact, company and opportunity writes and returns the links the lead gets (the
   * caller writes the lead: an update, or a create when the lead is captured with the lead step off).
   */
  private async planConversion(writes: WriteSet, lead: Lead & { id: string }, options: ConvertOptions): Promise<PlannedConversion> {
    if (lead.status === 'converted') throw new CrmRuleError('already_converted', `Lead ${lead.id} was already converted (opportunity ${lead.convertedOpportunityId ?? '?'})`);
    if (lead.status === 'lost') throw new CrmRuleError('lead_lost', `Lead ${lead.id} is lost; reopen it before converting`);
    const defaults = defaultConversionChoices(lead);
    const contactChoice = checkedChoice(options.contact, 'contact') ?? defaults.contact;
    const companyChoice = checkedChoice(options.company, 'company') ?? defaults.company;
    // what a conversion creates goes through the duplicate rules like any new contact or company
    const created: SaveEvent[] = [];

    let companyId: string | undefined;
    const linked: StoredRecord[] = [];
    if (companyChoice.mode === 'link') {
      const company = await this.linked<Company>('company', companyChoice.id);
      linked.push(company as unknown as StoredRecord);
      companyId = company.id;
    }
    else if (companyChoice.mode === 'create') {
      companyId = this.context.newId();
      const company = writes.create('company', { ...companyFromLead(lead), ...companyChoice.data }, { id: companyId, pathPrefix: 'company' });
      if (company) created.push({ entity: 'company', mode: 'create', data: company, id: companyId });
    }

    let contactId: string | undefined;
    if (contactChoice.mode === 'link') {
      const contact = await this.linked<Contact>('contact', contactChoice.id);
      contactId = contact.id;
      linked.push(contact as unknown as StoredRecord);
      // a linked contact without an employer is attached to the company the lead names
      if (companyId && !contact.companyId) writes.update('contact', contact, { companyId }, { pathPrefix: 'contact' });
    } else if (contactChoice.mode === 'create') {
      contactId = this.context.newId();
      const contact = writes.create('contact', { ...contactFromLead(lead, companyId), ...contactChoice.data }, { id: contactId, pathPrefix: 'contact' });
      if (contact) created.push({ entity: 'contact', mode: 'create', data: contact, id: contactId });
    }
    writes.assertValid('lead');
    // a guard refuses a blocked duplicate (link the existing record instead: conversionCandidates lists it)
    for (const event of created) for (const guard of this.context.saveGuards) await guard(event);

    const overrides = options.opportunity ?? {};
    const stage = await this.pipeline.startingStage(typeof overrides['stageId'] === 'string' ? overrides['stageId'] : undefined, 'opportunity.stageId');
    const opportunityId = this.context.newId();
    const at = this.context.now().toISOString();
    writes.create('opportunity', newOpportunityData({ ...opportunityFromLead(lead, { contactId, companyId }), ...overrides }, stage, at, this.context.actor.id), { id: opportunityId, pathPrefix: 'opportunity' });

    const links = { status: 'converted', convertedContactId: contactId, convertedCompanyId: companyId, convertedOpportunityId: opportunityId, convertedAt: at };
    return { leadId: lead.id, ...(contactId ? { contactId } : {}), ...(companyId ? { companyId } : {}), opportunityId, links, linked };
  }

  private conversionResult(records: readonly Record<string, unknown>[], planned: PlannedConversion): ConversionResult {
    const find = <T extends object>(id: string | undefined, marker: string): StoredRecord<T> | undefined =>
      id === undefined ? undefined : ([...records, ...planned.linked].find((record) => record['id'] === id && marker in record) as StoredRecord<T> | undefined);
    const result: ConversionResult = {
      lead: find<Lead>(planned.leadId, 'title')!,
      opportunity: find<Opportunity>(planned.opportunityId, 'stageId')!,
    };
    const contact = find<Contact>(planned.contactId, 'fullName');
    const company = find<Company>(planned.companyId, 'status');
    if (contact) result.contact = contact;
    if (company) result.company = company;
    return result;
  }

  /** Marks a lead lost; a lost reason is required (a validation error at `lostReasonId`). */
  async markLost(leadId: string, input: { lostReasonId?: string; note?: string }, options: { expectedRev?: number } = {}): Promise<StoredLead> {
    if (!input.lostReasonId) failField('lostReasonId', 'a lost lead needs a lost reason', 'required', 'lead');
    const [reason] = await this.context.storage.get('lostReason', [input.lostReasonId]);
    if (!reason) failField('lostReasonId', `no lost reason with id "${input.lostReasonId}"`, 'unknown_reference', 'lead');
    const lead = await this.lead(leadId, options.expectedRev);
    if (lead.status === 'converted') throw new CrmRuleError('already_converted', `Lead ${lead.id} was converted; mark its opportunity lost instead`);
    const writes = new WriteSet(this.context, 'lead.lost');
    // the note says why it was lost, under what the lead's note already held
    const note = input.note?.trim() ? (lead.note ? `${lead.note}\n\n${input.note.trim()}` : input.note.trim()) : undefined;
    writes.update('lead', lead, { status: 'lost', lostReasonId: input.lostReasonId, ...(note ? { note } : {}) });
    const { records } = await writes.commit('lead');
    return records[0] as unknown as StoredLead;
  }
}

const CHOICE_MODES = ['create', 'link', 'none'];

/** A conversion choice as given, refused at `<path>.mode` / `<path>.id` when it is not one; undefined when not given. */
function checkedChoice(choice: ConversionChoice | undefined, path: 'contact' | 'company'): ConversionChoice | undefined {
  if (choice === undefined) return undefined;
  requireObject(choice, path, 'lead');
  if (!CHOICE_MODES.includes(choice.mode)) failField(`${path}.mode`, `must be "create", "link" or "none", not ${JSON.stringify(choice.mode)}`, 'invalid_value', 'lead');
  if (choice.mode === 'link' && (typeof choice.id !== 'string' || choice.id === '')) failField(`${path}.id`, `the ${path} to link is required`, 'required', 'lead');
  return choice;
}
