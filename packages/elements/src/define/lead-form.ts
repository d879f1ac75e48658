import { CrmLeadForm } from '../components/lead-form/lead-form.component.js';

/** Defines `<crm-lead-form>` (once: a second import of this module does nothing). */
if (!customElements.get('crm-lead-form')) customElements.define('crm-lead-form', CrmLeadForm);

export { CrmLeadForm };

declare global {
  interface HTMLElementTagNameMap {
    'crm-lead-form': CrmLeadForm;
  }
}
