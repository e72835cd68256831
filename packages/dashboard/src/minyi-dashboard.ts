/**
 * The scoreboard's script-tag entry:
 * `<script src=".../minyi-dashboard.js" data-collector="https://host" defer>`. It registers
 * `<minyi-scoreboard>` alone, so that a page of follow-up cases loads no chart.js
 * (`<minyi-cases>` has its own script, `minyi-cases.js`), and adds no global of its own. The build
 * wraps the bundle so that a second copy on the page returns before any of it runs.
 */
import { setDefaultCollector } from './internal/config.js';
import { register } from './internal/register.js';
import { scriptCollector } from './internal/script-tag.js';
import { MinyiScoreboard } from './scoreboard/minyi-scoreboard.js';

setDefaultCollector(scriptCollector('minyi-dashboard.js'));
register('minyi-scoreboard', MinyiScoreboard);
