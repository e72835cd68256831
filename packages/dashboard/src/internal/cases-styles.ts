import { css } from 'lit';
import { styles } from './styles.js';

/** The look both elements share, without the scoreboard's charts, plus what cases need. */
export const casesStyles = [
  styles,
  css`
    input[type='text'],
    textarea {
      width: 100%;
      max-width: 40rem;
    }
    textarea {
      min-height: 6rem;
      resize: vertical;
    }
    .alert:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    .alert:focus {
      outline: none;
    }
    dl.counts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(7rem, 1fr));
      gap: 0.5rem 1rem;
      margin: 0 0 1rem;
    }
    dl.counts div {
      padding: 0.5rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    dl.counts dd {
      font-size: 1.25em;
    }
    /* Subjects are often page addresses: long words that must wrap at 320 px. In the tables,
       columns keep a readable width and the table scrolls in its own box instead. */
    h3,
    p,
    dd {
      overflow-wrap: anywhere;
    }
    td,
    th {
      overflow-wrap: break-word;
    }
    .nowrap {
      white-space: nowrap;
    }
    .wide {
      min-width: 12rem;
    }
    .pick {
      min-width: 8rem;
    }
    .pick {
      max-width: 18rem;
      overflow-wrap: anywhere;
      min-height: 2.75rem;
      padding: 0.25rem 0.5rem;
      border: 1px solid var(--_border);
      background: var(--_surface);
      color: var(--_text);
      font-weight: 600;
      text-align: start;
      text-decoration: underline;
    }
    .pick[aria-current='true'] {
      border: 2px solid var(--_text);
    }
    tr.selected > * {
      background: color-mix(in srgb, var(--_focus) 8%, var(--_surface));
    }
    .overdue {
      border-style: solid;
      border-color: var(--_error);
      color: var(--_error);
      margin-inline-start: 0.25rem;
    }
    .text {
      margin: 0 0 0.75rem;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .case {
      margin: 1.5rem 0 0;
      padding: 1rem 0 0;
      border-top: 2px solid var(--_border);
    }
    .case section {
      margin: 0 0 1.25rem;
    }
    .work form {
      margin: 0 0 1rem;
      padding: 0.75rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .work .field {
      margin: 0 0 0.5rem;
    }
    @media (forced-colors: active) {
      .pick {
        border: 1px solid ButtonText;
      }
      .pick[aria-current='true'],
      .overdue {
        border: 2px solid CanvasText;
      }
      tr.selected > * {
        background: Canvas;
      }
    }
  `,
];
