import { css } from 'lit';

/** Styles of `<crm-notifications>`. */
export const notificationsStyles = css`
  :host { display: inline-block; position: relative; }
  [hidden] { display: none !important; }
  .bell { position: relative; display: inline-flex; align-items: center; gap: 4px; }
  .icon { display: block; }
  .count { min-width: 1.5em; padding: 0 4px; border-radius: 999px; background: var(--crm-notifications-badge-color, var(--_color-danger)); color: #fff; font-size: 0.8em; font-weight: 700; text-align: center; }
  .panel { position: absolute; right: 0; top: calc(100% + 4px); width: min(360px, 90vw); max-height: 60vh; overflow: auto; z-index: 10;
    background: var(--_color-surface); border: 1px solid var(--_color-border); border-radius: var(--_radius); box-shadow: 0 4px 16px rgb(0 0 0 / 0.2); padding: var(--_spacing); }
  .panel header { display: flex; justify-content: space-between; align-items: center; gap: var(--_spacing); margin-bottom: var(--_spacing); }
  .panel h2 { margin: 0; font-size: 1em; }
  ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
  li { border: 1px solid var(--_color-border); border-radius: var(--_radius); padding: 6px; background: var(--_color-surface); }
  li.unread { border-left: 4px solid var(--_color-primary); background: var(--_color-surface-alt); }
  li.unread .title { font-weight: 700; }
  .title { margin: 0; }
  .body, .when { margin: 2px 0; color: var(--_color-text-muted); font-size: 0.9em; }
  .actions { display: flex; gap: 4px; margin-top: 4px; }
  .actions button { padding: 0 6px; font-size: 0.85em; }
  .popup { position: fixed; right: 16px; bottom: 16px; z-index: 20; max-width: 320px; padding: var(--_spacing); border-radius: var(--_radius);
    background: var(--_color-warning-surface); color: var(--_color-text); border: 1px solid var(--_color-warning); box-shadow: 0 4px 16px rgb(0 0 0 / 0.2); display: flex; gap: var(--_spacing); align-items: start; }
  .message { color: var(--_color-danger); margin: 0; }
`;
