export { QUOTE_TRANSITIONS, canMoveQuote, isQuoteOverdue, contractEndDate, type QuoteState } from './quote-states.js';
export { DocumentsService, type DocumentsOptions, type QuoteInput } from './documents-service.js';
