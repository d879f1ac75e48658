/** Defines every crmkit element (one import per component; add a line for each new one). */
import './lead-form.js';
import './pipeline-board.js';
import './route-planner.js';
import './agenda.js';
import './notifications.js';
import './compose.js';
