export { BANT_CRITERIA, bantScore, type BantCriterion, type BantScore } from './bant.js';
export { leadFromRawContact, screenedPatch, type ScreeningDecision } from './screening.js';
export { hasRoom, pickRoundRobin, pickByRegion, regionKey, type AssignmentCandidate } from './assignment.js';
export { defaultConversionChoices, contactFromLead, companyFromLead, opportunityFromLead, type ConversionChoice } from './conversion.js';
export { leadMatchKeys, contactMatchReasons, companyMatchReasons, type CandidateReason, type LeadMatchKeys } from './conversion-candidates.js';
export {
  ProspectingService,
  type StoredLead,
  type ProspectingOptions,
  type CaptureResult,
  type ConvertOptions,
  type ConversionResult,
  type ConversionCandidate,
  type Assignment,
  type CandidateFinder,
} from './prospecting-service.js';
