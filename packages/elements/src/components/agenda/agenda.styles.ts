import { css } from 'lit';

/** Styles of `<crm-agenda>`. */
export const agendaStyles = css`
  :host { display: block; }
  [hidden] { display: none !important; }
  .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_spacing); margin-bottom: var(--_spacing); }
  .toolbar h2 { flex: 1; margin: 0; font-size: 1.2em; min-width: 12em; }
  .views { display: inline-flex; gap: 2px; }
  .views button[aria-pressed='true'] { background: var(--_color-primary); color: var(--_color-primary-text); }
  .help { color: var(--_color-text-muted); margin: 0 0 var(--_spacing); font-size: 0.9em; }
  .layout { display: grid; grid-template-columns: 1fr minmax(240px, 300px); gap: var(--_spacing); align-items: start; }
  @media (max-width: 800px) { .layout { grid-template-columns: 1fr; } }
  .grid { display: grid; border: 1px solid var(--_color-border); border-radius: var(--_radius); overflow: auto; background: var(--_color-surface); }
  .time-grid { grid-template-columns: 4em repeat(var(--days), minmax(7em, 1fr)); }
  .month-grid { grid-template-columns: repeat(7, minmax(6em, 1fr)); }
  .head { position: sticky; top: 0; background: var(--_color-surface-alt); padding: 4px; font-weight: 600; border-bottom: 1px solid var(--_color-border); display: flex; gap: 4px; align-items: center; justify-content: space-between; z-index: 1; }
  .head.today { color: var(--_color-primary); }
  .hour { padding: 2px 4px; color: var(--_color-text-muted); font-variant-numeric: tabular-nums; border-top: 1px solid var(--_color-border); font-size: 0.85em; }
  .slot { min-height: 2.4em; border-top: 1px solid var(--_color-border); border-left: 1px solid var(--_color-border); padding: 2px; display: flex; flex-direction: column; gap: 2px; cursor: copy; }
  .slot.drop, .cell.drop { background: var(--_color-warning-surface); outline: 2px dashed var(--_color-primary); outline-offset: -2px; }
  .cell { min-height: 6em; border-top: 1px solid var(--_color-border); border-left: 1px solid var(--_color-border); padding: 2px; display: flex; flex-direction: column; gap: 2px; cursor: copy; }
  .cell.outside { background: var(--_color-surface-alt); color: var(--_color-text-muted); }
  .cell .date { display: flex; justify-content: space-between; align-items: center; font-size: 0.85em; }
  .cell.today .date { color: var(--_color-primary); font-weight: 700; }
  .activity { text-align: left; font-size: 0.85em; padding: 2px 4px; border-radius: var(--_radius); border: 1px solid var(--_color-border); border-left: 4px solid var(--crm-agenda-activity-color, var(--_color-primary)); background: var(--_color-surface-alt); color: var(--_color-text); cursor: grab; width: 100%; }
  .activity.overdue { border-left-color: var(--crm-agenda-overdue-color, var(--_color-danger)); }
  .activity.done { opacity: 0.7; text-decoration: line-through; border-left-color: var(--_color-success); }
  .activity[aria-pressed='true'] { outline: 2px solid var(--_color-focus); }
  .badge { font-size: 0.75em; padding: 0 4px; border-radius: 999px; border: 1px solid currentColor; margin-left: 4px; text-decoration: none; display: inline-block; }
  .badge.overdue { color: var(--_color-danger); }
  .more { font-size: 0.8em; padding: 0 4px; }
  .add-day { padding: 0 6px; font-size: 0.85em; }
  aside { border: 1px solid var(--_color-border); border-radius: var(--_radius); padding: var(--_spacing); background: var(--_color-surface); display: flex; flex-direction: column; gap: var(--_spacing); }
  aside h3 { margin: 0; font-size: 1em; }
  form { display: flex; flex-direction: column; gap: 6px; }
  label { display: flex; flex-direction: column; gap: 2px; font-size: 0.9em; }
  .row { display: flex; gap: 6px; flex-wrap: wrap; }
  .row > label { flex: 1; min-width: 7em; }
  .field-error, .message { color: var(--_color-danger); margin: 0; font-size: 0.9em; }
  .meta { color: var(--_color-text-muted); margin: 0; font-size: 0.9em; }
`;
