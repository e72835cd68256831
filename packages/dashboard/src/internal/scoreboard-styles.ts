import { css } from 'lit';
import { styles } from './styles.js';

/** Only the scoreboard draws charts: their rules stay out of the cases' script. */
export const scoreboardStyles = [
  styles,
  css`
    :host {
      --_bar: var(--minyi-chart-bar, #4393c3);
      --_bar-muted: var(--minyi-chart-muted, #6e7781);
      --_compare: var(--minyi-chart-compare, #b2182b);
      --_grid: var(--minyi-chart-grid, #d0d7de);
    }
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
    }
    button[aria-pressed='true'] {
      border-color: var(--_text);
      background: var(--_text);
      color: var(--_surface);
    }
    .figure {
      margin: 0 0 1.5rem;
      padding: 0 0 1rem;
      border-bottom: 1px solid var(--_grid);
    }
    .chart {
      position: relative;
      width: 100%;
      min-width: 0;
    }
    .chart[hidden] {
      display: none;
    }
    canvas {
      display: block;
      max-width: 100%;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin: 0.5rem 0 0;
    }
    /* Visually hidden, still read: the tables beside the charts, for screen readers. */
    .sr-only {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: -1px;
      padding: 0;
      overflow: hidden;
      clip: rect(0 0 0 0);
      clip-path: inset(50%);
      white-space: nowrap;
      border: 0;
    }
    @media (forced-colors: active) {
      /* Canvas pixels ignore the user's colours; the tables do not, so they are shown. */
      .table-wrap.sr-only {
        position: static;
        width: auto;
        height: auto;
        margin: 0;
        overflow: visible;
        clip: auto;
        clip-path: none;
        white-space: normal;
      }
      button[aria-pressed='true'] {
        border: 3px solid Highlight;
      }
    }
  `,
];
