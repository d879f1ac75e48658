import { CrmRoutePlanner } from '../components/route-planner/route-planner.component.js';

/** Defines `<crm-route-planner>` (once: a second import of this module does nothing). */
if (!customElements.get('crm-route-planner')) customElements.define('crm-route-planner', CrmRoutePlanner);

export { CrmRoutePlanner };

declare global {
  interface HTMLElementTagNameMap {
    'crm-route-planner': CrmRoutePlanner;
  }
}
