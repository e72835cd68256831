import {
  CASE_STATUSES,
  type CaseList,
  type CaseStatus,
  type FollowUpCase,
  type Locale,
  type SurveyDefinition,
} from '@minyi/schema';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { type CaseLabeller, caseLabeller } from './case-labels.js';
import {
  type CaseMove,
  type CasesError,
  type CasesErrorCode,
  type CasesResult,
  fetchCase,
  fetchCases,
  fetchSurvey,
  moveCase,
} from './cases-api.js';
import { CASES_MESSAGES, type CasesMessages } from './cases-messages.js';
import { casesStyles } from './cases-styles.js';
import { collectorBase } from './collector-request.js';
import { EvaluatorElement, tokenOf } from './evaluator-element.js';
import { formatFor } from './format.js';
import { TOKEN_MESSAGES } from './token-messages.js';

/** Which request an error came from: the list, one case, or a move. */
type Request = 'list' | 'case' | CaseMove;
type Field = 'assignee' | 'reply' | 'note';

export interface CasesLoadedEventDetail {
  readonly survey: string | null;
  readonly subject: string | null;
  readonly status: CaseStatus | null;
  readonly overdue: boolean;
  /** How many cases are shown now, every page loaded so far. */
  readonly cases: number;
  readonly more: boolean;
  readonly counts: CaseList['counts'];
}

export interface CaseOpenedEventDetail {
  readonly case: FollowUpCase;
}

export interface CaseChangedEventDetail {
  readonly action: CaseMove;
  /** The case as the collector answered after the move, with its events. */
  readonly case: FollowUpCase;
}

export interface CasesErrorEventDetail {
  readonly code: CasesErrorCode | 'not-configured';
  readonly status?: number;
  readonly message: string;
  readonly request?: Request;
}

/** The collector's limits on what an evaluator writes (docs/collector-api.md). */
const LIMITS: Record<Field, number> = { assignee: 200, reply: 2000, note: 2000 };
const PAGE_SIZE = 50;
const MAX_PAGE = 1000;

/** Characters as the collector counts them: a character outside the BMP is one, not two. */
const length = (text: string) => [...text].length;

const dateFormats = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function dates(locale: Locale) {
  let formats = dateFormats.get(locale);
  if (!formats) {
    const intl = formatFor(locale).intlLocale;
    formats = {
      day: new Intl.DateTimeFormat(intl, { dateStyle: 'medium' }),
      time: new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeStyle: 'short' }),
    };
    dateFormats.set(locale, formats);
  }
  return formats;
}

/**
 * The behaviour of `<minyi-cases>`: the list of follow-up cases with its counts and filters, one
 * case with the resident's answer, the reply, the rating and the audit log, and the forms that
 * move it along open → assigned → replied → closed.
 */
export class CasesElement extends EvaluatorElement {
  static override styles = casesStyles;

  static override properties = {
    ...EvaluatorElement.properties,
    survey: { type: String },
    subject: { type: String },
    pageSize: { type: Number, attribute: 'page-size' },
    cases: { state: true },
    counts: { state: true },
    next: { state: true },
    error: { state: true },
    loadingMore: { state: true },
    statusFilter: { state: true },
    overdueOnly: { state: true },
    selected: { state: true },
    current: { state: true },
    caseLoading: { state: true },
    caseError: { state: true },
    moving: { state: true },
    moved: { state: true },
    fieldErrors: { state: true },
    labelsVersion: { state: true },
  };

  /** Only this survey's cases; every survey the token may see when unset. */
  declare survey: string | undefined;
  /** Only this subject's cases; every subject when unset. */
  declare subject: string | undefined;
  /** Cases per page, 1–1000; "more" loads the next page. */
  declare pageSize: number;

  declare protected cases: readonly FollowUpCase[];
  declare protected counts: CaseList['counts'] | undefined;
  declare protected next: string | undefined;
  declare protected error: CasesError | undefined;
  declare protected loadingMore: boolean;
  declare protected statusFilter: CaseStatus | undefined;
  declare protected overdueOnly: boolean;
  declare protected selected: string | undefined;
  declare protected current: FollowUpCase | undefined;
  declare protected caseLoading: boolean;
  declare protected caseError: { error: CasesError; request: Request } | undefined;
  declare protected moving: CaseMove | undefined;
  declare protected moved: string | undefined;
  declare protected fieldErrors: Partial<Record<Field, string>>;
  declare protected labelsVersion: number;

  protected override readonly errorEvent = 'minyi-cases-error';

  #reloads = 0;
  #requestKey: string | undefined;
  #listAbort: AbortController | undefined;
  #caseAbort: AbortController | undefined;
  readonly #definitions = new Map<string, SurveyDefinition | undefined>();
  readonly #asked = new Set<string>();

  constructor() {
    super();
    this.pageSize = PAGE_SIZE;
    this.cases = [];
    this.loadingMore = false;
    this.overdueOnly = false;
    this.caseLoading = false;
    this.fieldErrors = {};
    this.labelsVersion = 0;
  }

  protected override get messages(): CasesMessages {
    return CASES_MESSAGES[this.locale];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Requests in flight are dropped and made again if the element comes back.
    this.#listAbort?.abort();
    this.#listAbort = undefined;
    this.#caseAbort?.abort();
    this.#caseAbort = undefined;
    this.#requestKey = undefined;
    this.loadingMore = false;
  }

  protected override dropToken(): void {
    super.dropToken();
    this.#listAbort?.abort();
    this.#listAbort = undefined;
    this.#caseAbort?.abort();
    this.#caseAbort = undefined;
    this.#requestKey = undefined;
    this.cases = [];
    this.counts = undefined;
    this.next = undefined;
    this.error = undefined;
    this.loadingMore = false;
    this.#closeCase();
  }

  #closeCase(): void {
    this.#caseAbort?.abort();
    this.#caseAbort = undefined;
    this.selected = undefined;
    this.current = undefined;
    this.caseLoading = false;
    this.caseError = undefined;
    this.moved = undefined;
    this.fieldErrors = {};
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const collector = this.collectorUrl;
    const token = tokenOf(this);
    if (!collector || !token) return;
    const key = JSON.stringify([
      collectorBase(collector).href,
      this.survey,
      this.subject,
      this.statusFilter,
      this.overdueOnly,
      this.#limit(),
      this.tokenVersion,
      this.#reloads,
    ]);
    if (key !== this.#requestKey) {
      this.#requestKey = key;
      void this.#loadList(collector, token, 'first');
    }
  }

  #limit(): number {
    const size = Math.trunc(Number(this.pageSize));
    return Number.isFinite(size) && size >= 1 ? Math.min(size, MAX_PAGE) : PAGE_SIZE;
  }

  /**
   * `first` starts the list afresh; `more` adds the next page; `refresh` reloads what is shown
   * after a move, so that the case's row and the counts say where things stand, without the
   * list disappearing meanwhile.
   */
  async #loadList(
    collector: string,
    token: string,
    mode: 'first' | 'more' | 'refresh',
  ): Promise<void> {
    this.#listAbort?.abort();
    const abort = new AbortController();
    this.#listAbort = abort;
    if (mode === 'first') {
      this.phase = 'loading';
      this.error = undefined;
    }
    this.loadingMore = mode === 'more';
    const limit =
      mode === 'refresh'
        ? Math.min(Math.max(this.#limit(), this.cases.length), MAX_PAGE)
        : undefined;
    let result: CasesResult<CaseList>;
    try {
      result = await fetchCases(
        collector,
        {
          survey: this.survey || undefined,
          subject: this.subject || undefined,
          status: this.statusFilter ? [this.statusFilter] : undefined,
          overdue: this.overdueOnly ? true : undefined,
          limit: limit ?? this.#limit(),
          after: mode === 'more' ? this.next : undefined,
        },
        token,
        abort.signal,
      );
    } catch {
      return; // Aborted: a newer request or the element's removal took over.
    }
    if (abort.signal.aborted) return;
    this.#listAbort = undefined;
    this.loadingMore = false;
    if (!result.ok) {
      this.#failed(result.error, 'list');
      return;
    }
    const { data } = result;
    this.cases = mode === 'more' ? [...this.cases, ...data.cases] : data.cases;
    this.counts = data.counts;
    this.next = data.next;
    this.error = undefined;
    this.phase = 'loaded';
    if (mode === 'more' && data.cases[0]) this.#focusRow(data.cases[0].id);
    else if (mode === 'more') this.focusAfterUpdate('#status');
    this.#learnSurveys(collector, this.cases);
    this.emit<CasesLoadedEventDetail>('minyi-cases-loaded', {
      survey: this.survey || null,
      subject: this.subject || null,
      status: this.statusFilter ?? null,
      overdue: this.overdueOnly,
      cases: this.cases.length,
      more: data.next !== undefined,
      counts: data.counts,
    });
  }

  /** Reads each survey's definition once, for the names of its subjects, dimensions and levels. */
  #learnSurveys(collector: string, cases: readonly FollowUpCase[]): void {
    for (const survey of new Set(cases.map((item) => item.survey))) {
      if (this.#asked.has(survey)) continue;
      this.#asked.add(survey);
      void fetchSurvey(collector, survey).then((definition) => {
        this.#definitions.set(survey, definition);
        if (definition) this.labelsVersion += 1;
      });
    }
  }

  async #openCase(id: string, quiet = false): Promise<void> {
    const collector = this.collectorUrl;
    const token = tokenOf(this);
    if (!collector || !token) return;
    this.#caseAbort?.abort();
    const abort = new AbortController();
    this.#caseAbort = abort;
    if (!quiet) {
      this.selected = id;
      this.current = undefined;
      this.caseError = undefined;
      this.moved = undefined;
      this.fieldErrors = {};
    }
    this.caseLoading = true;
    let result: CasesResult<FollowUpCase>;
    try {
      result = await fetchCase(collector, id, token, abort.signal);
    } catch {
      return;
    }
    if (abort.signal.aborted) return;
    this.#caseAbort = undefined;
    this.caseLoading = false;
    if (!result.ok) {
      if (!quiet) this.#failed(result.error, 'case');
      return;
    }
    this.current = result.data;
    this.#replaceRow(result.data);
    this.#learnSurveys(collector, [result.data]);
    if (!quiet) {
      this.focusAfterUpdate('#case-title');
      this.emit<CaseOpenedEventDetail>('minyi-case-opened', { case: result.data });
    }
  }

  #replaceRow(item: FollowUpCase): void {
    if (!this.cases.some((row) => row.id === item.id)) return;
    const { events: _events, ...row } = item;
    this.cases = this.cases.map((old) => (old.id === item.id ? row : old));
  }

  async #move(move: CaseMove, body: Record<string, string>, form: HTMLFormElement): Promise<void> {
    const collector = this.collectorUrl;
    const token = tokenOf(this);
    const item = this.current;
    if (!collector || !token || !item || this.moving) return;
    this.moving = move;
    this.moved = undefined;
    this.caseError = undefined;
    const result = await moveCase(collector, item.id, move, body, token);
    this.moving = undefined;
    if (this.selected !== item.id || tokenOf(this) !== token) return;
    if (!result.ok) {
      this.#failed(result.error, move);
      // The case moved under the evaluator: show where it stands now, beside the message.
      if (result.error.code === 'conflict') void this.#openCase(item.id, true);
      return;
    }
    form.reset();
    this.current = result.data;
    this.moved = this.messages.moved[move](result.data.assignee ?? body.assignee ?? '');
    this.focusAfterUpdate('#case-status');
    this.#replaceRow(result.data);
    this.emit<CaseChangedEventDetail>('minyi-case-changed', { action: move, case: result.data });
    void this.#loadList(collector, token, 'refresh');
  }

  #failed(error: CasesError, request: Request): void {
    const message = this.#errorMessage(error, request);
    if (error.code === 'unauthorized' || error.code === 'forbidden') {
      this.refuseToken(message);
    } else if (request === 'list') {
      this.error = error;
      if (this.phase !== 'loaded' || this.cases.length === 0) this.phase = 'error';
      this.focusAfterUpdate('#alert');
    } else {
      this.caseError = { error, request };
      this.focusAfterUpdate('#case-alert');
    }
    this.emit<CasesErrorEventDetail>(this.errorEvent, {
      code: error.code,
      message,
      request,
      ...(error.status !== undefined ? { status: error.status } : {}),
    });
    if (error.detail) console.warn(`[minyi] cases (${request}): ${error.code}: ${error.detail}`);
  }

  #errorMessage(error: CasesError, request: Request): string {
    const m = this.messages;
    const shared = TOKEN_MESSAGES[this.locale];
    const detail = error.detail ?? `HTTP ${error.status ?? ''}`.trim();
    switch (error.code) {
      case 'unauthorized':
        return shared.unauthorized;
      case 'forbidden':
        return m.forbidden;
      case 'not-found':
        if (request !== 'list') return m.caseNotFound;
        return m.listNotFound(
          [
            this.survey ? m.filterSurvey(this.survey) : '',
            this.subject ? m.filterSubject(this.subject) : '',
          ]
            .filter(Boolean)
            .join(this.locale === 'en' ? ' and ' : '、') || m.filterSurvey(''),
        );
      case 'bad-request':
        return request === 'list' ? m.listBadRequest(detail) : m.moveBadRequest(detail);
      case 'conflict':
        return m.conflict(detail);
      case 'network':
        return m.network;
      case 'server':
        return m.server(error.status ?? 0);
      case 'invalid-response':
        return m.invalid(error.detail ?? '');
    }
  }

  protected override render(): TemplateResult {
    const m = this.messages;
    return html`
      <section class="board" part="board" aria-labelledby="title">
        <header>
          <h2 id="title" part="title">${m.title}</h2>
          ${this.renderSignOut()}
        </header>
        ${this.#body()}
      </section>
    `;
  }

  #body(): TemplateResult {
    const m = this.messages;
    const signIn = this.renderSignIn(m.showCases);
    if (signIn) return signIn;
    const labels = caseLabeller(this.#definitions, this.locale, m);
    return html`
      ${this.#counts()}
      ${this.#filters()}
      ${this.error ? this.#alert(this.error, 'list', 'alert') : nothing}
      ${this.renderStatus(this.#statusText())}
      ${this.phase === 'loaded' && this.cases.length > 0 ? this.#table(labels) : nothing}
      ${
        this.phase === 'loaded' && this.next
          ? html`<button
              type="button"
              class="secondary"
              part="more"
              aria-disabled=${this.loadingMore ? 'true' : 'false'}
              @click=${this.#more}
            >
              ${m.more}
            </button>`
          : nothing
      }
      ${this.selected ? this.#case(labels) : nothing}
    `;
  }

  #statusText(): string {
    const m = this.messages;
    if (this.phase === 'loading') return m.loading;
    if (this.loadingMore) return m.loadingMore;
    if (this.phase !== 'loaded') return '';
    if (this.cases.length === 0) {
      return this.statusFilter || this.overdueOnly ? m.emptyFiltered : m.empty;
    }
    return m.loaded(this.cases.length, this.next !== undefined);
  }

  #counts(): TemplateResult | typeof nothing {
    const counts = this.counts;
    if (!counts) return nothing;
    const m = this.messages;
    const format = formatFor(this.locale);
    return html`
      <h3 id="counts-title">${m.counts}</h3>
      <dl class="counts" part="counts" aria-labelledby="counts-title">
        ${CASE_STATUSES.map(
          (status) =>
            html`<div><dt>${m.statuses[status]}</dt><dd>${format.count(counts[status])}</dd></div>`,
        )}
        <div><dt>${m.overdue}</dt><dd>${format.count(counts.overdue)}</dd></div>
      </dl>
    `;
  }

  #filters(): TemplateResult {
    const m = this.messages;
    return html`
      <form class="controls" part="controls" novalidate @submit=${(event: Event) => event.preventDefault()}>
        <fieldset>
          <legend>${m.filters}</legend>
          <div class="row">
            <div class="field">
              <label class="label" for="status-filter">${m.statusFilter}</label>
              <select id="status-filter" @change=${this.#chooseStatus}>
                <option value="" .selected=${!this.statusFilter}>${m.allStatuses}</option>
                ${CASE_STATUSES.map(
                  (status) =>
                    html`<option value=${status} .selected=${status === this.statusFilter}>
                      ${m.statuses[status]}
                    </option>`,
                )}
              </select>
            </div>
            <label class="check">
              <input
                id="overdue-only"
                type="checkbox"
                .checked=${this.overdueOnly}
                @change=${this.#chooseOverdue}
              />
              ${m.overdueOnly}
            </label>
          </div>
        </fieldset>
      </form>
    `;
  }

  #chooseStatus = (event: Event): void => {
    const value = (event.target as HTMLSelectElement).value;
    this.statusFilter = (CASE_STATUSES as readonly string[]).includes(value)
      ? (value as CaseStatus)
      : undefined;
  };

  #chooseOverdue = (event: Event): void => {
    this.overdueOnly = (event.target as HTMLInputElement).checked;
  };

  #more = (): void => {
    const collector = this.collectorUrl;
    const token = tokenOf(this);
    if (!collector || !token || this.loadingMore || !this.next) return;
    void this.#loadList(collector, token, 'more');
  };

  #day(iso: string): string {
    return dates(this.locale).day.format(new Date(iso));
  }

  #time(iso: string): string {
    return dates(this.locale).time.format(new Date(iso));
  }

  /** The deadline is the instant the last day ends; evaluators read that day. */
  #lastDay(iso: string): string {
    return this.#day(new Date(Date.parse(iso) - 1).toISOString());
  }

  #overdueFlag(item: FollowUpCase): TemplateResult | typeof nothing {
    return item.overdue
      ? html`<span class="flag overdue" part="overdue">${this.messages.overdueFlag}</span>`
      : nothing;
  }

  #table(labels: CaseLabeller): TemplateResult {
    const m = this.messages;
    return html`
      <h3 id="cases-title">${m.cases}</h3>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="cases-title">
        <table part="table">
          <caption>${m.cases}</caption>
          <thead>
            <tr>
              <th scope="col">${m.opened}</th>
              <th scope="col">${m.subject}</th>
              <th scope="col">${m.reasons}</th>
              <th scope="col">${m.status}</th>
              <th scope="col">${m.deadline}</th>
            </tr>
          </thead>
          <tbody>
            ${repeat(
              this.cases,
              (item) => item.id,
              (item) => {
                const subject = labels.subject(item.survey, item.subject);
                const opened = this.#day(item.openedAt);
                const current = item.id === this.selected;
                return html`
                  <tr class=${current ? 'selected' : ''}>
                    <td class="nowrap">${opened}</td>
                    <th scope="row">
                      <button
                        type="button"
                        class="pick"
                        part="case-button"
                        data-case=${item.id}
                        aria-current=${current ? 'true' : 'false'}
                        aria-label=${m.openCase(subject, opened)}
                        @click=${() => this.#openCase(item.id)}
                      >
                        ${subject}
                      </button>
                    </th>
                    <td class="wide">${labels.reasons(item)}</td>
                    <td class="nowrap">${m.statuses[item.status]}</td>
                    <td class="nowrap">${this.#lastDay(item.deadline)}${this.#overdueFlag(item)}</td>
                  </tr>
                `;
              },
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  #case(labels: CaseLabeller): TemplateResult {
    const m = this.messages;
    const item = this.current;
    const listed = this.cases.find((row) => row.id === this.selected);
    const heading = item ?? listed;
    return html`
      <section class="case" part="case" aria-labelledby="case-title">
        <h3 id="case-title" tabindex="-1">
          ${heading ? labels.subject(heading.survey, heading.subject) : m.caseLoading}
        </h3>
        ${heading ? html`<p class="meta">${m.caseId(heading.id)}</p>` : nothing}
        <p id="case-status" class="status meta" part="case-status" role="status" tabindex="-1">
          ${this.caseLoading && !item ? m.caseLoading : this.moving ? m.sending : (this.moved ?? '')}
        </p>
        ${this.caseError ? this.#alert(this.caseError.error, this.caseError.request, 'case-alert') : nothing}
        ${item ? this.#caseBody(item, labels) : nothing}
        <button type="button" class="secondary" part="back" @click=${this.#back}>${m.back}</button>
      </section>
    `;
  }

  #caseBody(item: FollowUpCase, labels: CaseLabeller): TemplateResult {
    const m = this.messages;
    const response = item.response;
    const answers =
      typeof response.answers === 'object' && response.answers !== null
        ? Object.entries(response.answers as Record<string, unknown>)
        : [];
    const comment = typeof response.comment === 'string' ? response.comment : undefined;
    const answeredAt = typeof response.createdAt === 'string' ? response.createdAt : undefined;
    const rating = item.rating?.response;
    const ratingAnswers =
      rating && typeof rating.answers === 'object' && rating.answers !== null
        ? Object.values(rating.answers as Record<string, unknown>)
        : [];
    return html`
      <dl class="stats">
        <div><dt>${m.survey}</dt><dd>${labels.survey(item.survey)}</dd></div>
        <div><dt>${m.status}</dt><dd>${m.statuses[item.status]}${this.#overdueFlag(item)}</dd></div>
        <div><dt>${m.opened}</dt><dd>${this.#time(item.openedAt)}</dd></div>
        <div><dt>${m.deadline}</dt><dd>${this.#lastDay(item.deadline)}</dd></div>
        <div><dt>${m.assignee}</dt><dd>${item.assignee ?? m.notAssigned}</dd></div>
        ${item.closedAt ? html`<div><dt>${m.closedAt}</dt><dd>${this.#time(item.closedAt)}</dd></div>` : nothing}
      </dl>
      <section aria-labelledby="answer-title" part="answer">
        <h4 id="answer-title">${m.answer}</h4>
        <dl class="stats">
          ${answers.map(
            ([dimension, value]) => html`
              <div>
                <dt>${labels.dimension(item.survey, dimension)}</dt>
                <dd>${labels.answer(item.survey, dimension, value)}</dd>
              </div>
            `,
          )}
          ${answeredAt ? html`<div><dt>${m.answeredAt}</dt><dd>${this.#time(answeredAt)}</dd></div>` : nothing}
        </dl>
        ${
          comment
            ? html`<dl><dt>${m.comment}</dt><dd class="text" part="comment">${comment}</dd></dl>`
            : nothing
        }
      </section>
      <section aria-labelledby="reply-title" part="reply">
        <h4 id="reply-title">${m.reply}</h4>
        ${
          item.reply
            ? html`<p class="text">${item.reply.text}</p>
                <p class="meta">${m.repliedAt}: ${this.#time(item.reply.repliedAt)}</p>`
            : html`<p class="meta">${m.noReply}</p>`
        }
      </section>
      ${
        item.reply
          ? html`<section aria-labelledby="rating-title" part="rating">
              <h4 id="rating-title">${m.rating}</h4>
              ${
                item.rating
                  ? html`<p class="text">
                        ${ratingAnswers.map((value) => labels.answer('', 'reply', value)).join('、')}
                      </p>
                      ${
                        typeof rating?.comment === 'string'
                          ? html`<p class="text">${rating.comment}</p>`
                          : nothing
                      }
                      <p class="meta">${m.ratedAt}: ${this.#time(item.rating.ratedAt)}</p>`
                  : html`<p class="meta">${m.notRated}</p>`
              }
            </section>`
          : nothing
      }
      ${this.#log(item)}
      ${this.#work(item)}
    `;
  }

  #log(item: FollowUpCase): TemplateResult {
    const m = this.messages;
    const events = item.events ?? [];
    return html`
      <section aria-labelledby="log-title" part="log">
        <h4 id="log-title">${m.log}</h4>
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="log-title">
          <table>
            <caption>${m.log}</caption>
            <thead>
              <tr>
                <th scope="col">${m.when}</th>
                <th scope="col">${m.action}</th>
                <th scope="col">${m.by}</th>
                <th scope="col">${m.detail}</th>
              </tr>
            </thead>
            <tbody>
              ${events.map(
                (event) => html`
                  <tr>
                    <td class="nowrap">${this.#time(event.at)}</td>
                    <th scope="row">${m.actions[event.action]}</th>
                    <td>
                      ${
                        event.by.type === 'token'
                          ? m.byToken(event.by.note, event.by.id)
                          : event.by.type === 'resident'
                            ? m.byResident
                            : m.byCollector
                      }
                    </td>
                    <td class="text wide">${event.detail ?? ''}</td>
                  </tr>
                `,
              )}
            </tbody>
          </table>
        </div>
      </section>
    `;
  }

  #work(item: FollowUpCase): TemplateResult {
    const m = this.messages;
    const errors = this.fieldErrors;
    const canAssign = item.status === 'open' || item.status === 'assigned';
    const canClose = item.status === 'replied';
    const field = (
      id: string,
      name: Field,
      label: string,
      control: 'input' | 'textarea',
      hint?: string,
    ) => {
      const error = errors[name];
      const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : '']
        .filter(Boolean)
        .join(' ');
      return html`
        <div class="field">
          <label class="label" for=${id}>${label}</label>
          ${
            control === 'input'
              ? html`<input
                  id=${id}
                  name=${name}
                  type="text"
                  autocomplete="off"
                  aria-invalid=${error ? 'true' : 'false'}
                  aria-describedby=${describedBy || nothing}
                />`
              : html`<textarea
                  id=${id}
                  name=${name}
                  rows="4"
                  aria-invalid=${error ? 'true' : 'false'}
                  aria-describedby=${describedBy || nothing}
                ></textarea>`
          }
          ${error ? html`<p id=${`${id}-error`} class="error">${error}</p>` : nothing}
          ${hint ? html`<p id=${`${id}-hint`} class="hint">${hint}</p>` : nothing}
        </div>
      `;
    };
    return html`
      <section class="work" part="work" aria-labelledby="work-title">
        <h4 id="work-title">${m.work}</h4>
        ${
          canAssign
            ? html`
              <form part="assign-form" novalidate @submit=${this.#assign}>
                ${field('assignee', 'assignee', m.assignLabel, 'input')}
                <button type="submit" part="assign">
                  ${item.status === 'assigned' ? m.reassign : m.assign}
                </button>
              </form>
              <form part="reply-form" novalidate @submit=${this.#reply}>
                ${field('reply', 'reply', m.replyLabel, 'textarea', m.replyHint)}
                <button type="submit" part="reply-button">${m.sendReply}</button>
              </form>
            `
            : nothing
        }
        ${
          canClose
            ? html`
              <form part="close-form" novalidate @submit=${this.#close}>
                ${field('close-note', 'note', m.closeLabel, 'textarea', m.closeHint)}
                <button type="submit" part="close">${m.close}</button>
              </form>
            `
            : nothing
        }
        ${item.status === 'closed' ? html`<p class="meta">${m.closedNote}</p>` : nothing}
      </section>
    `;
  }

  /** The field's text, or `undefined` with the field marked when it is refused. */
  #field(
    form: HTMLFormElement,
    name: Field,
    required: string | undefined,
    focus: string,
  ): string | undefined {
    const value = (
      (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement).value ?? ''
    ).trim();
    const problem =
      required && value === ''
        ? required
        : length(value) > LIMITS[name]
          ? this.messages.tooLong(LIMITS[name])
          : undefined;
    this.fieldErrors = problem ? { [name]: problem } : {};
    if (problem) {
      this.focusAfterUpdate(focus);
      this.requestUpdate();
      return undefined;
    }
    return value;
  }

  #assign = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const assignee = this.#field(form, 'assignee', this.messages.assigneeRequired, '#assignee');
    if (assignee !== undefined) void this.#move('assign', { assignee }, form);
  };

  #reply = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const text = this.#field(form, 'reply', this.messages.replyRequired, '#reply');
    if (text !== undefined) void this.#move('reply', { text }, form);
  };

  #close = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const note = this.#field(form, 'note', undefined, '#close-note');
    if (note !== undefined) void this.#move('close', note ? { note } : {}, form);
  };

  #back = (): void => {
    const id = this.selected;
    this.#closeCase();
    if (id) this.#focusRow(id);
    else this.focusAfterUpdate('#status');
  };

  #alert(error: CasesError, request: Request, id: string): TemplateResult {
    const m = this.messages;
    // A move is retried from its form; loading the list or a case from this button.
    const retry =
      request === 'list' || request === 'case'
        ? html`<button type="button" @click=${() => this.#retry(request)}>${m.retry}</button>`
        : nothing;
    return html`
      <div id=${id} class="alert" part="error" role="alert" tabindex="-1">
        <p>${this.#errorMessage(error, request)}</p>
        ${retry}
      </div>
    `;
  }

  #retry(request: 'list' | 'case'): void {
    if (request === 'case' && this.selected) {
      void this.#openCase(this.selected);
      return;
    }
    this.error = undefined;
    this.#reloads += 1;
    this.focusAfterUpdate('#status');
    this.requestUpdate();
  }

  #focusRow(id: string): void {
    this.focusAfterUpdate(`button[data-case="${CSS.escape(id)}"]`);
  }
}
