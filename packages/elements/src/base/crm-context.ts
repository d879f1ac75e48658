import { createContext } from '@lit/context';
import type { Crm } from '@crmkit/core';

/**
 * The context through which a host provides one crm client to every crmkit element below it (with
 * `@lit/context`'s ContextProvider, or any implementation of the community context protocol).
 */
export const crmContext = createContext<Crm | undefined>(Symbol.for('crmkit.crm'));
