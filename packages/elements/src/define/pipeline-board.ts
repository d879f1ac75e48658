import { CrmPipelineBoard } from '../components/pipeline-board/pipeline-board.component.js';

/** Defines `<crm-pipeline-board>` (once: a second import of this module does nothing). */
if (!customElements.get('crm-pipeline-board')) customElements.define('crm-pipeline-board', CrmPipelineBoard);

export { CrmPipelineBoard };

declare global {
  interface HTMLElementTagNameMap {
    'crm-pipeline-board': CrmPipelineBoard;
  }
}
