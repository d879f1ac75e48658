/** Defines every crmkit element. */
import './pipeline-board.js';
import './route-planner.js';
