import { css } from 'lit';

/** Styles of `<crm-compose>`. */
export const composeStyles = css`
  :host { display: block; }
  [hidden] { display: none !important; }
  form { display: flex; flex-direction: column; gap: var(--_spacing); border: 1px solid var(--_color-border); border-radius: var(--_radius); padding: var(--_spacing); background: var(--_color-surface); }
  h2 { margin: 0; font-size: 1.2em; }
  label { display: flex; flex-direction: column; gap: 2px; }
  .row { display: flex; gap: var(--_spacing); flex-wrap: wrap; }
  .row > label { flex: 1; min-width: 10em; }
  textarea { min-height: 8em; resize: vertical; }
  fieldset { border: 1px solid var(--_color-border); border-radius: var(--_radius); margin: 0; padding: var(--_spacing); display: flex; flex-direction: column; gap: 6px; }
  ul { margin: 0; padding-left: 1.2em; }
  li button { margin-left: 6px; padding: 0 6px; }
  .preview { border: 1px dashed var(--_color-border); border-radius: var(--_radius); padding: var(--_spacing); background: var(--_color-surface-alt); white-space: pre-wrap; }
  .preview iframe { width: 100%; min-height: 10em; border: 0; background: #fff; }
  .field-error, .message { color: var(--_color-danger); margin: 0; font-size: 0.9em; }
  .status.sent { color: var(--_color-success); margin: 0; }
  .actions { display: flex; gap: var(--_spacing); align-items: center; }
  fieldset > button { align-self: flex-start; }
`;
