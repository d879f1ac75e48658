import { css } from 'lit';

/** The lead form's own styles (over the kit's `baseStyles`). */
export const leadFormStyles = css`
  :host {
    display: block;
    --_field-min-width: var(--crm-lead-form-field-min-width, 14rem);
    --_star-color: var(--crm-lead-form-star-color, #9a6700);
  }
  :host([hidden]) { display: none; }
  form {
    display: grid;
    gap: calc(var(--_spacing) * 2);
    background: var(--_color-surface);
    color: var(--_color-text);
  }
  h2 { margin: 0; font-size: 1.25em; }
  fieldset {
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    margin: 0;
    padding: var(--_spacing) calc(var(--_spacing) * 1.5) calc(var(--_spacing) * 1.5);
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--_field-min-width), 1fr));
    gap: var(--_spacing) calc(var(--_spacing) * 2);
  }
  legend { font-weight: 600; padding: 0 calc(var(--_spacing) * 0.5); }
  .field { display: grid; gap: 2px; align-content: start; }
  .field.wide { grid-column: 1 / -1; }
  label, .label { font-weight: 500; }
  .required { color: var(--_color-danger); }
  input, select, textarea { width: 100%; }
  textarea { min-height: 4.5em; resize: vertical; }
  input[aria-invalid='true'], select[aria-invalid='true'], textarea[aria-invalid='true'] {
    border-color: var(--_color-danger);
    box-shadow: 0 0 0 1px var(--_color-danger);
  }
  .error { color: var(--_color-danger); font-size: 0.92em; }
  .error:empty { display: none; }
  .checkbox { display: flex; gap: calc(var(--_spacing) * 0.5); align-items: center; font-weight: normal; }
  .checkbox input { width: auto; }
  .choices { display: flex; flex-wrap: wrap; gap: calc(var(--_spacing) * 0.5) calc(var(--_spacing) * 1.5); }
  .muted { color: var(--_color-text-muted); }
  .stars { border: 0; padding: 0; margin: 0; display: flex; gap: 2px; }
  .stars legend { padding: 0; margin-bottom: 2px; font-weight: 500; }
  .star { position: relative; }
  .star input { position: absolute; opacity: 0; width: 1px; height: 1px; margin: 0; }
  .star label {
    display: inline-block;
    min-width: 2em;
    text-align: center;
    font-size: 1.3em;
    line-height: 1.6;
    cursor: pointer;
    color: var(--_color-text-muted);
    border-radius: var(--_radius);
  }
  .star label.on { color: var(--_star-color); }
  .star input:focus-visible + label { outline: 2px solid var(--_color-focus); outline-offset: 1px; }
  .error-summary {
    border: 2px solid var(--_color-danger);
    border-radius: var(--_radius);
    padding: var(--_spacing) calc(var(--_spacing) * 1.5);
  }
  .error-summary h3 { margin: 0 0 calc(var(--_spacing) * 0.5); font-size: 1em; color: var(--_color-danger); }
  .error-summary ul { margin: 0; padding-left: 1.2em; }
  .error-summary a { color: var(--_color-danger); }
  .duplicates {
    border-radius: var(--_radius);
    padding: var(--_spacing) calc(var(--_spacing) * 1.5);
    background: var(--_color-warning-surface);
    color: var(--_color-text);
    border: 1px solid var(--_color-warning);
  }
  .duplicates.blocked { border: 2px solid var(--_color-danger); background: var(--_color-surface); }
  .duplicates p { margin: 0 0 calc(var(--_spacing) * 0.5); font-weight: 600; }
  .duplicates ul { margin: 0; padding-left: 1.2em; display: grid; gap: calc(var(--_spacing) * 0.5); }
  .duplicates button { margin-left: var(--_spacing); padding: 0 var(--_spacing); }
  .message { margin: 0; }
  .message.error-text { color: var(--_color-danger); }
  .message.success { color: var(--_color-success); }
  .actions { display: flex; flex-wrap: wrap; gap: var(--_spacing); align-items: center; }
  button[aria-disabled='true'] { opacity: 0.6; cursor: not-allowed; }
`;
