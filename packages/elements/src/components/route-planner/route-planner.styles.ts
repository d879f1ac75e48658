import { css } from 'lit';

/** Styles of `<crm-route-planner>`. */
export const routePlannerStyles = css`
  :host { display: block; }
  [hidden] { display: none !important; }
  .layout { display: grid; grid-template-columns: minmax(280px, 1fr) minmax(280px, 1fr); gap: calc(var(--_spacing) * 2); }
  @media (max-width: 720px) { .layout { grid-template-columns: 1fr; } }
  section { border: 1px solid var(--_color-border); border-radius: var(--_radius); padding: var(--_spacing); background: var(--_color-surface); }
  h2 { margin: 0 0 var(--_spacing); font-size: 1.2em; }
  h3 { margin: 0 0 var(--_spacing); font-size: 1em; }
  .meta { color: var(--_color-text-muted); margin: 0 0 var(--_spacing); }
  .message { color: var(--_color-danger); margin: 0; }
  ol.stops { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
  .stop { border: 1px solid var(--_color-border); border-radius: var(--_radius); padding: 4px 6px; background: var(--_color-surface-alt); }
  .stop.out { opacity: 0.75; border-style: dashed; }
  .stop.dragging { outline: 2px dashed var(--_color-primary); }
  .stop .row { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
  .stop .order { font-weight: 700; min-width: 1.5em; }
  .stop .name { flex: 1; font-weight: 600; }
  .stop .badge { font-size: 0.8em; padding: 0 6px; border-radius: 999px; border: 1px solid currentColor; }
  .stop .badge.in { color: var(--_color-success); }
  .stop .badge.out { color: var(--_color-text-muted); }
  .stop button { padding: 0 6px; }
  .stop details { font-size: 0.9em; color: var(--_color-text-muted); }
  .stop details ul { margin: 2px 0; padding-left: 1.2em; }
  .distance { font-variant-numeric: tabular-nums; }
  .plot svg { width: 100%; height: auto; display: block; background: var(--crm-route-plot-background, var(--_color-surface-alt)); border-radius: var(--_radius); }
  .plot .path { fill: none; stroke: var(--crm-route-path-color, var(--_color-primary)); stroke-width: 2; }
  .plot .stop-dot { fill: var(--crm-route-stop-color, var(--_color-primary)); }
  .plot .out-dot { fill: none; stroke: var(--_color-text-muted); stroke-width: 1.5; }
  .plot text { font-size: 10px; fill: var(--_color-primary-text); text-anchor: middle; dominant-baseline: central; }
  form.assign { display: grid; grid-template-columns: 1fr 1fr; gap: 6px; margin-top: var(--_spacing); }
  form.assign label { display: flex; flex-direction: column; gap: 2px; font-size: 0.9em; }
  form.assign button { grid-column: 1 / -1; justify-self: start; }
  table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
  th, td { border: 1px solid var(--_color-border); padding: 2px 4px; vertical-align: top; }
  td ul { margin: 0; padding-left: 1em; }
  ul.plain { margin: 0; padding-left: 1.2em; }
`;
