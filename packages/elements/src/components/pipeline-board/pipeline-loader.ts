import type { Activity, Crm, LiveChangeBatch, StoredRecord } from '@crmkit/core';
import type { BoardOpportunity, PipelineSnapshot } from './pipeline-model.js';

type NamedCustomer = { id: string; fullName?: string; name?: string };

function customerIdsOf(opportunities: Iterable<BoardOpportunity>): { contacts: Set<string>; companies: Set<string> } {
  const contacts = new Set<string>();
  const companies = new Set<string>();
  for (const opportunity of opportunities) {
    if (opportunity.contactId) contacts.add(opportunity.contactId);
    if (opportunity.companyId) companies.add(opportunity.companyId);
  }
  return { contacts, companies };
}

async function loadCustomerNames(crm: Crm, ids: { contacts: Set<string>; companies: Set<string> }, into: Map<string, string>): Promise<void> {
  const [contacts, companies] = await Promise.all([
    ids.contacts.size > 0 ? crm.contacts.getMany([...ids.contacts]) : [],
    ids.companies.size > 0 ? crm.companies.getMany([...ids.companies]) : [],
  ]);
  for (const contact of contacts as NamedCustomer[]) into.set(contact.id, contact.fullName ?? contact.id);
  for (const company of companies as NamedCustomer[]) into.set(company.id, company.name ?? company.id);
}

function earliestPlanned(activities: Iterable<StoredRecord<Activity>>): Map<string, StoredRecord<Activity>> {
  const next = new Map<string, StoredRecord<Activity>>();
  for (const activity of activities) {
    if (activity.status !== 'planned' || activity.related?.entity !== 'opportunity') continue;
    const current = next.get(activity.related.id);
    if (!current || activity.dueAt < current.dueAt) next.set(activity.related.id, activity);
  }
  return next;
}

/** Loads everything the board shows: stages, opportunities, people, teams, tags, reasons, names, next activities. */
export async function loadPipeline(crm: Crm): Promise<PipelineSnapshot> {
  const [stages, opportunities, users, teams, tags, lostReasons, activities] = await Promise.all([
    crm.stages.listAll(),
    crm.opportunities.listAll(),
    crm.users.listAll(),
    crm.salesTeams.listAll(),
    crm.tags.listAll(),
    crm.lostReasons.listAll(),
    crm.activities.listAll({ where: [{ field: 'status', op: 'eq', value: 'planned' }] }),
  ]);
  const snapshot: PipelineSnapshot = {
    stages,
    opportunities: new Map(opportunities.map((opportunity) => [opportunity.id, opportunity])),
    users: new Map(users.map((user) => [user.id, user])),
    teams,
    tags,
    lostReasons,
    customerNames: new Map(),
    nextActivity: earliestPlanned(activities),
  };
  await loadCustomerNames(crm, customerIdsOf(opportunities), snapshot.customerNames);
  return snapshot;
}

const RELOADED_LISTS = {
  stage: async (crm: Crm, snapshot: PipelineSnapshot) => void (snapshot.stages = await crm.stages.listAll()),
  user: async (crm: Crm, snapshot: PipelineSnapshot) => void (snapshot.users = new Map((await crm.users.listAll()).map((user) => [user.id, user]))),
  salesTeam: async (crm: Crm, snapshot: PipelineSnapshot) => void (snapshot.teams = await crm.salesTeams.listAll()),
  tag: async (crm: Crm, snapshot: PipelineSnapshot) => void (snapshot.tags = await crm.tags.listAll()),
  lostReason: async (crm: Crm, snapshot: PipelineSnapshot) => void (snapshot.lostReasons = await crm.lostReasons.listAll()),
} as const;

/**
 * Brings the snapshot up to date with one commit (this tab's, another tab's, an import): opportunities and
 * customer names from the records the commit carries, next activities of the opportunities it touched, and
 * the small configuration lists reloaded whole. Returns false when the commit concerns nothing on the board.
 */
export async function applyBatch(crm: Crm, snapshot: PipelineSnapshot, batch: LiveChangeBatch): Promise<boolean> {
  let relevant = false;
  const newCustomers = { contacts: new Set<string>(), companies: new Set<string>() };
  const activityTargets = new Set<string>();
  const reloads = new Set<keyof typeof RELOADED_LISTS>();
  batch.changes.forEach((change, i) => {
    const record = batch.records[i] as StoredRecord & { deleted?: boolean };
    const gone = change.op === 'delete' || record?.deleted === true;
    switch (change.entity) {
      case 'opportunity': {
        relevant = true;
        if (gone || !record) {
          snapshot.opportunities.delete(change.id);
          break;
        }
        const opportunity = record as unknown as BoardOpportunity;
        snapshot.opportunities.set(change.id, opportunity);
        if (opportunity.contactId && !snapshot.customerNames.has(opportunity.contactId)) newCustomers.contacts.add(opportunity.contactId);
        if (opportunity.companyId && !snapshot.customerNames.has(opportunity.companyId)) newCustomers.companies.add(opportunity.companyId);
        break;
      }
      case 'contact':
      case 'company': {
        if (!snapshot.customerNames.has(change.id) || !record) break;
        relevant = true;
        const named = record as unknown as NamedCustomer;
        snapshot.customerNames.set(change.id, (change.entity === 'contact' ? named.fullName : named.name) ?? change.id);
        break;
      }
      case 'activity': {
        const related = (record as unknown as Partial<Activity> | undefined)?.related;
        if (related?.entity === 'opportunity') activityTargets.add(related.id);
        for (const [opportunityId, activity] of snapshot.nextActivity) if (activity.id === change.id) activityTargets.add(opportunityId);
        break;
      }
      default:
        if (change.entity in RELOADED_LISTS) reloads.add(change.entity as keyof typeof RELOADED_LISTS);
    }
  });
  const work: Promise<unknown>[] = [...reloads].map((entity) => RELOADED_LISTS[entity](crm, snapshot));
  if (newCustomers.contacts.size + newCustomers.companies.size > 0) work.push(loadCustomerNames(crm, newCustomers, snapshot.customerNames));
  if (activityTargets.size > 0) {
    work.push(
      crm.activities.listAll({ where: [{ field: 'related.id', op: 'in', values: [...activityTargets] }] }).then((activities) => {
        const next = earliestPlanned(activities);
        for (const id of activityTargets) {
          const activity = next.get(id);
          if (activity) snapshot.nextActivity.set(id, activity);
          else snapshot.nextActivity.delete(id);
        }
      }),
    );
  }
  await Promise.all(work);
  return relevant || reloads.size > 0 || activityTargets.size > 0;
}
