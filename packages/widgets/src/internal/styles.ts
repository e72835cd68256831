import { css } from 'lit';

/** The look every element shares; each element adds little or nothing of its own. */
export const baseStyles = css`
  :host {
    /* Public custom properties, mapped once to private ones. */
    --_accent: var(--minyi-accent, #a4161a);
    --_on-accent: var(--minyi-on-accent, #fff);
    --_text: var(--minyi-text, #1f2328);
    --_muted: var(--minyi-muted, #57606a);
    --_surface: var(--minyi-surface, #fff);
    --_border: var(--minyi-border, #8c959f);
    --_radius: var(--minyi-radius, 6px);
    --_focus: var(--minyi-focus, #0b57d0);
    --_error: var(--minyi-error, #b3261e);

    display: block;
    max-width: 100%;
    /* Host pages set all sorts of inherited text styles; the widget resets the ones that break it. */
    font-family: var(
      --minyi-font-family,
      system-ui,
      'PingFang SC',
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
  * {
    box-sizing: border-box;
  }
  form {
    margin: 0;
    padding: 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .title {
    margin: 0 0 0.5rem;
    font-size: 1.1em;
    font-weight: 700;
    line-height: 1.4;
  }
  .description,
  .meta {
    margin: 0 0 0.75rem;
    color: var(--_muted);
    white-space: pre-line;
  }
  .field {
    margin: 0 0 1rem;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .label {
    display: block;
    margin: 0 0 0.5rem;
    font-weight: 600;
  }
  .optional,
  .hint {
    color: var(--_muted);
    font-weight: normal;
  }
  .hint {
    margin: 0.25rem 0 0;
    font-size: 0.875em;
  }
  .levels {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0;
  }
  .level {
    position: relative;
    display: inline-flex;
  }
  .level input {
    /* Kept in the accessibility tree and focusable; the label below is what is seen. */
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }
  .level span {
    display: inline-flex;
    overflow-wrap: anywhere;
    align-items: center;
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: 0.5rem 0.875rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .level input:checked + span {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  /* The radio itself is invisible: its label shows where the focus is. */
  .level input:focus-visible + span,
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .level input:focus-visible {
    outline: none;
  }
  [aria-invalid='true'] .level span {
    border-color: var(--_error);
  }
  .error {
    margin: 0.5rem 0 0;
    color: var(--_error);
    font-weight: 600;
  }
  select,
  textarea {
    display: block;
    width: 100%;
    max-width: 40rem;
    min-height: 2.75rem;
    padding: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  textarea {
    min-height: 5rem;
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
  }
  table {
    border-collapse: collapse;
    margin: 0.5rem 0 0;
  }
  th,
  td {
    padding: 0.25rem 0.75rem 0.25rem 0;
    text-align: start;
    border-bottom: 1px solid var(--_border);
  }
  td {
    font-variant-numeric: tabular-nums;
  }
  .outcome {
    margin: 0 0 1rem;
    padding: 0.75rem;
    border-inline-start: 4px solid var(--_accent);
    background: var(--_surface);
  }
  .outcome h3 {
    margin: 0 0 0.5rem;
    font-size: 1em;
  }
  button {
    min-height: 2.75rem;
    min-width: 6rem;
    padding: 0.5rem 1.25rem;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_on-accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .status {
    margin: 0.75rem 0 0;
  }
  .status:empty {
    margin: 0;
  }
  .receipt {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-weight: 700;
    letter-spacing: 0.05em;
  }
  .note {
    color: var(--_muted);
  }
  @media (forced-colors: active) {
    .level span {
      border: 1px solid CanvasText;
    }
    .level input:checked + span {
      border: 3px solid Highlight;
      background: Highlight;
      color: HighlightText;
      forced-color-adjust: none;
    }
    button {
      border: 1px solid ButtonText;
    }
  }
`;
