/**
 * What the host implements: crmkit holds no mail server and no phone line. A transport sends e-mail, SMS and
 * Zalo messages; a telephony bridge places calls and reports incoming ones.
 */

/** A message to send. `id` is stable across retries: a transport that sees it twice must not send twice. */
export interface OutgoingMessage {
  id: string;
  channel: 'email' | 'sms' | 'zalo';
  to: readonly string[];
  subject?: string;
  body: string;
  format: 'text' | 'html';
  /** References the host resolves to files (crmkit never holds the bytes). */
  attachments?: readonly { ref: string; name?: string }[];
}

/** What a transport reports: sent (with the provider's id), or failed with its reason. */
export type TransportResult = { ok: true; providerMessageId?: string } | { ok: false; reason: string };

/** The host's mail / SMS / Zalo gateway. */
export interface MessageTransport {
  send(message: OutgoingMessage): Promise<TransportResult>;
}

/** An incoming call as the switchboard reports it. */
export interface IncomingCall {
  number: string;
  at: string;
}

/** The host's switchboard: click-to-call and incoming-call events. */
export interface TelephonyBridge {
  /** Places a call to `number` from the current user's extension. */
  call(number: string): Promise<void>;
  /** Calls `listener` for each incoming call; returns the unsubscribe function. */
  onIncomingCall(listener: (call: IncomingCall) => void): () => void;
}
