/**
 * The follow-up cases' script-tag entry:
 * `<script src=".../minyi-cases.js" data-collector="https://host" defer>`. It registers
 * `<minyi-cases>` alone, without the scoreboard's chart.js, and adds no global of its own. The
 * build wraps the bundle so that a second copy on the page returns before any of it runs.
 */
import { MinyiCases } from './cases/minyi-cases.js';
import { setDefaultCollector } from './internal/config.js';
import { register } from './internal/register.js';
import { scriptCollector } from './internal/script-tag.js';

setDefaultCollector(scriptCollector('minyi-cases.js'));
register('minyi-cases', MinyiCases);
