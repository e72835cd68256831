import { type ConsultationTopic, DEFAULT_POSITIONS, type Locale } from '@minyi/schema';
import { html, nothing } from 'lit';
import { pick } from './fields.js';
import type { Messages } from './messages.js';

/** A dated, locale-formatted time element. */
export function dateTime(iso: string, locale: Locale) {
  return html`<time datetime=${iso}>${new Date(iso).toLocaleDateString(locale, { dateStyle: 'long' })}</time>`;
}

/**
 * A consultation's published outcome (公示) and its tally, as the consultation element and a
 * participant's receipt both show it.
 */
export function renderOutcome(topic: ConsultationTopic, locale: Locale, messages: Messages) {
  const outcome = topic.status === 'published' ? topic.outcome : undefined;
  if (!outcome) return nothing;
  const counts = outcome.tally?.byOption;
  return html`
    <section class="outcome" part="outcome" aria-labelledby="outcome-title">
      <h3 id="outcome-title">${messages.outcome}</h3>
      <p class="meta">${messages.publishedOn}：${dateTime(outcome.publishedAt, locale)}</p>
      <p class="description">${pick(outcome.text, locale)}</p>
      ${
        counts
          ? html`<table>
              <caption class="label">${messages.tally}</caption>
              <tbody>
                ${(topic.options ?? DEFAULT_POSITIONS).map(
                  (option) => html`<tr>
                    <th scope="row">${pick(option.label, locale) ?? option.id}</th>
                    <td>${(counts[option.id] ?? 0).toLocaleString(locale)}${messages.responses}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
          : nothing
      }
    </section>
  `;
}
