import { css } from 'lit';

/** The look both evaluator elements share, so that on one page they read as one dashboard. */
export const styles = css`
  :host {
    /* Public custom properties, mapped once to private ones. The first nine are the resident
       widgets' own, so one rule themes both on an intranet page. */
    --_accent: var(--minyi-accent, #a4161a);
    --_on-accent: var(--minyi-on-accent, #ffffff);
    --_text: var(--minyi-text, #1f2328);
    --_muted: var(--minyi-muted, #57606a);
    --_surface: var(--minyi-surface, #ffffff);
    --_border: var(--minyi-border, #8c959f);
    --_radius: var(--minyi-radius, 6px);
    --_focus: var(--minyi-focus, #0b57d0);
    --_error: var(--minyi-error, #b3261e);

    display: block;
    box-sizing: border-box;
    max-width: 100%;
    font-family: var(
      --minyi-font-family,
      system-ui,
      'PingFang SC',
      'Hiragino Sans GB',
      'Microsoft YaHei',
      'Noto Sans CJK SC',
      sans-serif
    );
    font-size: var(--minyi-font-size, 1rem);
    font-weight: normal;
    font-style: normal;
    line-height: 1.5;
    letter-spacing: normal;
    text-transform: none;
    text-align: start;
    color: var(--_text);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .board {
    padding: 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: baseline;
    justify-content: space-between;
    margin: 0 0 1rem;
  }
  h2,
  h3,
  h4 {
    margin: 0 0 0.5rem;
    line-height: 1.4;
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1.1em;
  }
  h4 {
    font-size: 1em;
  }
  h3:focus,
  h4:focus {
    outline: none;
  }
  h3:focus-visible,
  h4:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  p {
    margin: 0 0 0.75rem;
  }
  .meta,
  .hint,
  .note {
    color: var(--_muted);
  }
  .hint,
  .note {
    font-size: 0.875em;
  }
  form {
    margin: 0 0 1rem;
  }
  fieldset {
    margin: 0 0 0.75rem;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend,
  .label {
    display: block;
    padding: 0;
    margin: 0 0 0.25rem;
    font-weight: 600;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: flex-end;
    margin: 0 0 0.75rem;
  }
  .choice,
  .check {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    min-height: 2.75rem;
  }
  .choice input,
  .check input {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
    accent-color: var(--_accent);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    min-width: 0;
    max-width: 100%;
  }
  input[type='password'],
  input[type='date'],
  input[type='text'],
  textarea,
  select {
    min-height: 2.75rem;
    max-width: 100%;
    padding: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  input[type='password'] {
    width: 100%;
    max-width: 32rem;
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
    border-width: 2px;
  }
  button {
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_on-accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  button.secondary {
    border-color: var(--_border);
    background: var(--_surface);
    color: var(--_text);
    font-weight: normal;
  }
  input:focus-visible,
  textarea:focus-visible,
  select:focus-visible,
  button:focus-visible,
  .table-wrap:focus-visible,
  .status:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .status:focus {
    outline: none;
  }
  .error {
    color: var(--_error);
    font-weight: 600;
  }
  .alert {
    margin: 0 0 1rem;
    padding: 0.75rem;
    border: 1px solid var(--_error);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
  }
  .alert p {
    margin: 0 0 0.5rem;
  }
  .table-wrap {
    max-width: 100%;
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    margin: 0.5rem 0 0;
    font-size: 0.9375em;
  }
  /* Every table sits under a visible heading that says the same; the caption names it for
     screen readers only. */
  caption {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  th,
  td {
    padding: 0.375rem 0.75rem 0.375rem 0;
    text-align: start;
    vertical-align: top;
    border-bottom: 1px solid var(--_border);
  }
  thead th {
    border-bottom-width: 2px;
  }
  td {
    font-variant-numeric: tabular-nums;
  }
  dl.stats {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
    gap: 0.5rem 1rem;
    margin: 0 0 1rem;
  }
  dl.stats div {
    min-width: 0;
  }
  dt {
    color: var(--_muted);
    font-size: 0.875em;
  }
  dd {
    margin: 0;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .flag {
    display: inline-block;
    padding: 0 0.375rem;
    border: 1px dashed var(--_text);
    border-radius: var(--_radius);
    font-size: 0.875em;
    font-weight: 600;
  }
  @media (forced-colors: active) {
    button,
    input,
    textarea,
    select {
      border: 1px solid ButtonText;
    }
    .flag {
      border-color: CanvasText;
    }
  }
`;
