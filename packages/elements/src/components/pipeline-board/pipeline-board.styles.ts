import { css } from 'lit';

/** The height of one card slot (card plus gap), in pixels: the columns' windowing counts on it. */
export const CARD_SLOT_HEIGHT = 124;

/** Styles of `<crm-pipeline-board>`. */
export const pipelineBoardStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: var(--crm-pipeline-board-height, 640px);
    gap: var(--_spacing);
  }
  [hidden] { display: none !important; }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_spacing);
    align-items: end;
  }
  .toolbar label { display: flex; flex-direction: column; gap: 2px; font-size: 0.85em; color: var(--_color-text-muted); }
  .message { color: var(--_color-danger); margin: 0; }
  .columns {
    flex: 1;
    min-height: 0;
    display: flex;
    gap: var(--_spacing);
    overflow-x: auto;
  }
  .column {
    flex: 0 0 var(--crm-pipeline-column-width, 272px);
    display: flex;
    flex-direction: column;
    min-height: 0;
    background: var(--_color-surface-alt);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  .column.drop-target { outline: 3px dashed var(--_color-primary); outline-offset: -3px; }
  .column-header { padding: var(--_spacing); border-bottom: 1px solid var(--_color-border); }
  .column-header h3 { margin: 0 0 2px; font-size: 1em; display: flex; justify-content: space-between; gap: 4px; }
  .column-header .count { font-weight: normal; color: var(--_color-text-muted); }
  .column-header dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 0 6px; font-size: 0.85em; }
  .column-header dt { color: var(--_color-text-muted); }
  .column-header dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; }
  .body { flex: 1; min-height: 0; overflow-y: auto; }
  .window { position: relative; margin: 0; padding: 0; }
  .empty { padding: var(--_spacing); color: var(--_color-text-muted); }
  .card {
    position: absolute;
    left: 6px;
    right: 6px;
    height: ${CARD_SLOT_HEIGHT - 8}px;
    overflow: hidden;
    display: flex;
    flex-direction: column;
    gap: 2px;
    padding: 6px 8px;
    background: var(--_color-surface);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    cursor: grab;
  }
  .card.grabbed { box-shadow: 0 0 0 3px var(--_color-primary); cursor: grabbing; }
  .card .name { font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .card .line { display: flex; justify-content: space-between; gap: 6px; white-space: nowrap; overflow: hidden; font-size: 0.9em; }
  .card .muted { color: var(--_color-text-muted); overflow: hidden; text-overflow: ellipsis; }
  .card .stars { color: var(--crm-pipeline-star-color, var(--_color-warning)); letter-spacing: 1px; }
  .card .late { color: var(--_color-danger); font-weight: 600; }
  .card .won-badge { color: var(--_color-success); font-weight: 600; }
  .card .actions { display: flex; gap: 4px; margin-top: auto; }
  .card .actions button { padding: 0 8px; font-size: 0.85em; }
  dialog {
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: var(--_color-text);
    min-width: min(420px, 90vw);
  }
  dialog form { display: flex; flex-direction: column; gap: var(--_spacing); }
  dialog h2 { margin: 0; font-size: 1.15em; }
  dialog label { display: flex; flex-direction: column; gap: 2px; }
  dialog .error { color: var(--_color-danger); margin: 0; }
  dialog .buttons { display: flex; justify-content: flex-end; gap: var(--_spacing); }
`;
