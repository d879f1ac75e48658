import { CrmNotifications } from '../components/notifications/notifications.component.js';

/** Defines `<crm-notifications>` (once: a second import of this module does nothing). */
if (!customElements.get('crm-notifications')) customElements.define('crm-notifications', CrmNotifications);

export { CrmNotifications };

declare global {
  interface HTMLElementTagNameMap {
    'crm-notifications': CrmNotifications;
  }
}
