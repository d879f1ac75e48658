import { CrmAgenda } from '../components/agenda/agenda.component.js';

/** Defines `<crm-agenda>` (once: a second import of this module does nothing). */
if (!customElements.get('crm-agenda')) customElements.define('crm-agenda', CrmAgenda);

export { CrmAgenda };

declare global {
  interface HTMLElementTagNameMap {
    'crm-agenda': CrmAgenda;
  }
}
