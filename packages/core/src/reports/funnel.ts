import { rate } from './report-inputs.js';

/** The sales funnel: raw contacts → leads → opportunities → won, with the rate of each step. */
export interface Funnel {
  rawContacts: number;
  leads: number;
  opportunities: number;
  won: number;
  /** Leads per raw contact screened into one. */
  rawToLead: number | null;
  /** Opportunities per lead (leads converted, or captured straight into opportunities). */
  leadToOpportunity: number | null;
  /** Won per opportunity. */
  opportunityToWon: number | null;
  /** Won per raw contact, or per lead when there are no raw contacts. */
  overall: number | null;
}

/**
 * The funnel over plain records. A lead counts as reaching the opportunity step when it was converted; an
 * opportunity as won when its status is won. Rates are null when the step before is empty.
 */
export function funnel(input: {
  rawContacts: readonly { screeningStatus?: string | undefined }[];
  leads: readonly { status?: string | undefined }[];
  opportunities: readonly { status?: string | undefined }[];
}): Funnel {
  const rawContacts = input.rawContacts.length;
  const screened = input.rawContacts.filter((raw) => raw.screeningStatus === 'screened').length;
  const leads = input.leads.length;
  const converted = input.leads.filter((lead) => lead.status === 'converted').length;
  const opportunities = input.opportunities.length;
  const won = input.opportunities.filter((opportunity) => opportunity.status === 'won').length;
  return {
    rawContacts,
    leads,
    opportunities,
    won,
    rawToLead: rate(screened, rawContacts),
    leadToOpportunity: rate(converted, leads),
    opportunityToWon: rate(won, opportunities),
    overall: rawContacts > 0 ? rate(won, rawContacts) : rate(won, leads),
  };
}
