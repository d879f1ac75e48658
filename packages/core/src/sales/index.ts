export { lineAmounts, documentTotals, type LineAmounts } from './document-totals.js';
export { DEFAULT_UTC_OFFSET_MINUTES, addDays, addDaysToDate, localDate, startOfLocalDay, mondayOf } from './calendar.js';
export { loadReadable } from './load.js';
export { salesCycleServices, type SalesCycleOptions, type SalesCycleServices } from './sales-cycle-services.js';
