import { CrmCompose } from '../components/compose/compose.component.js';

/** Defines `<crm-compose>` (once: a second import of this module does nothing). */
if (!customElements.get('crm-compose')) customElements.define('crm-compose', CrmCompose);

export { CrmCompose };

declare global {
  interface HTMLElementTagNameMap {
    'crm-compose': CrmCompose;
  }
}
