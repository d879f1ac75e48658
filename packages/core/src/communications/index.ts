export { placeholdersOf, schemaHasPath, checkTemplatePlaceholders, renderTemplate, escapeHtml, TEMPLATE_FILTERS, type Placeholder } from './template.js';
export type { OutgoingMessage, TransportResult, MessageTransport, IncomingCall, TelephonyBridge } from './host-interfaces.js';
export { CommunicationsService, type CommunicationsOptions, type ComposeInput, type RecordRef, type PhoneMatch, type PhoneFinder, type StoredActivity } from './communications-service.js';
