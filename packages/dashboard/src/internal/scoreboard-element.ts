import type { Locale } from '@minyi/schema';
import type { ChartConfiguration, ChartType } from 'chart.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { fetchScores, type LoadError } from './api.js';
import {
  barsHeight,
  type ChartContext,
  distributionChart,
  intervalBarChart,
  rankingChart,
  trendChart,
} from './chart-configs.js';
import { ChartsController, themeOf } from './charts.js';
import { collectorBase } from './collector-request.js';
import { canvasPng, download, downloadText, fileName } from './download.js';
import { EvaluatorElement, tokenOf } from './evaluator-element.js';
import { formatFor } from './format.js';
import { type Labeller, labeller } from './labels.js';
import { pick } from './locale.js';
import { MESSAGES, type Messages } from './messages.js';
import { scoreboardStyles } from './scoreboard-styles.js';
import { type Cell, GRANULARITIES, type Granularity, type ScoresResponse } from './scores.js';
import {
  byScale,
  cellOf,
  dimensionRows,
  dimensionsOf,
  distributionRows,
  groupRows,
  groupsOf,
  periodsOf,
  type RankingRow,
  rankingRows,
  rankText,
  subjectsOf,
  trendOf,
} from './shape.js';
import {
  countsTable,
  dimensionTable,
  distributionTable,
  groupTable,
  rankingTable,
  rateTable,
  type TableContext,
  type TableModel,
  tableCsv,
  trendTable,
} from './tables.js';
import { TOKEN_MESSAGES } from './token-messages.js';

/** One chart with its accessible table, its explanation and its exports. */
interface Figure {
  readonly key: string;
  readonly heading: string;
  /** The canvas's accessible name: what the chart shows, in a sentence. */
  readonly summary: string;
  readonly note?: string;
  readonly table: TableModel;
  /** Which column names each row, for screen readers' row headers. */
  readonly rowHeader: number;
  readonly height: (width: number) => number;
  readonly config: (context: ChartContext) => ChartConfiguration<ChartType>;
  readonly file: ReadonlyArray<string | undefined>;
}

interface DetailView {
  readonly subject: string;
  readonly cell: Cell | undefined;
  readonly title: string;
  readonly figures: readonly Figure[];
  readonly counts: TableModel | undefined;
  readonly file: ReadonlyArray<string | undefined>;
}

interface View {
  readonly locale: Locale;
  readonly messages: Messages;
  readonly labels: Labeller;
  readonly context: TableContext;
  readonly periods: readonly string[];
  readonly period: string | undefined;
  readonly subjects: readonly string[];
  readonly hasAnswers: boolean;
  readonly periodHasAnswers: boolean;
  readonly rows: readonly RankingRow[];
  readonly ranking: Figure | undefined;
  readonly detail: DetailView | undefined;
}

export interface LoadedEventDetail {
  readonly survey: string;
  readonly period: Granularity;
  readonly from: string | null;
  readonly to: string | null;
  readonly poststratify: boolean;
  readonly cells: number;
}

export interface RenderedEventDetail {
  /** The keys of the charts drawn: `ranking`, then the detail's when a subject is open. */
  readonly charts: readonly string[];
}

export interface ScoreboardErrorEventDetail {
  readonly code: LoadError['code'] | 'not-configured';
  readonly status?: number;
  readonly message: string;
}

const CHOICES = [...GRANULARITIES, 'custom'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The behaviour of `<minyi-scoreboard>`: the scores request and its states, the view model every
 * chart and table is drawn from, the charts, and the exports.
 */
export class ScoreboardElement extends EvaluatorElement {
  static override styles = scoreboardStyles;

  static override properties = {
    ...EvaluatorElement.properties,
    survey: { type: String },
    period: { type: String },
    from: { type: String },
    to: { type: String },
    poststratify: { type: Boolean },
    data: { state: true },
    error: { state: true },
    shownPeriod: { state: true },
    subject: { state: true },
    compare: { state: true },
    tableView: { state: true },
    custom: { state: true },
    rangeError: { state: true },
  };

  /** The survey whose scores are shown. */
  declare survey: string;
  /** How answers are grouped into periods: `month`, `quarter` or `year`. */
  declare period: Granularity;
  /** The first day counted, `YYYY-MM-DD` in the survey's time zone; none for no limit. */
  declare from: string | undefined;
  /** The last day counted, `YYYY-MM-DD`; none for no limit. */
  declare to: string | undefined;
  /** Reweight each cell's respondents to the groups' population shares (SPEC §5.2). */
  declare poststratify: boolean;

  declare protected data: ScoresResponse | undefined;
  declare protected error: LoadError | undefined;
  declare protected shownPeriod: string | undefined;
  declare protected subject: string | undefined;
  declare protected compare: string | undefined;
  declare protected tableView: boolean;
  declare protected custom: boolean;
  declare protected rangeError: string | undefined;

  protected override readonly errorEvent = 'minyi-scores-error';

  #requestKey: string | undefined;
  #abort: AbortController | undefined;
  #view: View | undefined;
  #viewKey: unknown[] = [];
  #version = 0;
  #renderPending = false;
  readonly #charts = new ChartsController(this);

  constructor() {
    super();
    this.survey = 'department-evaluation';
    this.period = 'month';
    this.poststratify = false;
    this.tableView = false;
    this.custom = false;
  }

  protected override get messages(): Messages {
    return MESSAGES[this.locale];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A request in flight is dropped, and made again if the element comes back; loaded scores stay.
    if (this.#abort) {
      this.#abort.abort();
      this.#abort = undefined;
      this.#requestKey = undefined;
    }
  }

  protected override dropToken(): void {
    super.dropToken();
    this.#abort?.abort();
    this.#abort = undefined;
    this.#requestKey = undefined;
    this.data = undefined;
    this.error = undefined;
  }

  protected override signOut(): void {
    super.signOut();
    // What was open was the signed-out evaluator's; the next one starts from the ranking.
    this.subject = undefined;
    this.compare = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!GRANULARITIES.includes(this.period)) this.period = 'month';
    if (changed.has('from') || changed.has('to')) {
      if (this.from || this.to) this.custom = true;
    }
    super.willUpdate(changed);
    const collector = this.collectorUrl;
    const token = tokenOf(this);
    if (collector && token) {
      const key = JSON.stringify([
        collectorBase(collector).href,
        this.survey,
        this.period,
        this.from,
        this.to,
        this.poststratify,
        this.tokenVersion,
      ]);
      if (key !== this.#requestKey) {
        this.#requestKey = key;
        void this.#load(collector, token);
      }
    }
    const locale = this.locale;
    const viewKey = [this.data, locale, this.shownPeriod, this.subject, this.compare];
    if (viewKey.some((value, index) => value !== this.#viewKey[index])) {
      this.#viewKey = viewKey;
      this.#view = this.data ? this.#buildView(this.data, locale) : undefined;
      this.#version += 1;
    }
  }

  async #load(collector: string, token: string): Promise<void> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.phase = 'loading';
    this.error = undefined;
    const query = {
      survey: this.survey,
      period: this.period,
      from: this.from && DATE.test(this.from) ? this.from : undefined,
      to: this.to && DATE.test(this.to) ? this.to : undefined,
      poststratify: this.poststratify,
    };
    let result: Awaited<ReturnType<typeof fetchScores>>;
    try {
      result = await fetchScores(collector, query, token, abort.signal);
    } catch {
      return; // Aborted: a newer request or the element's removal took over.
    }
    if (abort.signal.aborted) return;
    this.#abort = undefined;
    if (result.ok) {
      this.data = result.data;
      this.phase = 'loaded';
      this.#renderPending = true;
      this.emit<LoadedEventDetail>('minyi-loaded', {
        survey: result.data.survey.id,
        period: result.data.period,
        from: result.data.from,
        to: result.data.to,
        poststratify: result.data.options.poststratify,
        cells: result.data.cells.length,
      });
      return;
    }
    const { error } = result;
    const message = this.#errorMessage(error);
    if (error.code === 'unauthorized' || error.code === 'forbidden') {
      this.refuseToken(message);
    } else {
      this.error = error;
      this.phase = 'error';
      this.focusAfterUpdate('.alert');
    }
    this.emit<ScoreboardErrorEventDetail>(this.errorEvent, {
      code: error.code,
      message,
      ...(error.status !== undefined ? { status: error.status } : {}),
    });
    if (error.detail) console.warn(`[minyi] scores: ${error.code}: ${error.detail}`);
  }

  #errorMessage(error: LoadError): string {
    const m = this.messages;
    switch (error.code) {
      case 'unauthorized':
        return TOKEN_MESSAGES[this.locale].unauthorized;
      case 'forbidden':
        return m.forbidden;
      case 'not-found':
        return m.notFound(this.survey);
      case 'bad-request':
        return m.badRequest(error.detail ?? 'HTTP 400');
      case 'network':
        return m.network;
      case 'server':
        return m.server(error.status ?? 0);
      case 'invalid-response':
        return m.invalid(error.detail ?? '');
    }
  }

  #buildView(data: ScoresResponse, locale: Locale): View {
    const messages = MESSAGES[locale];
    const format = formatFor(locale);
    const labels = labeller(data, locale, format, messages);
    const level = Math.round(data.options.confidence_level * 1000) / 10;
    const threshold = data.options.low_n_threshold;
    const context: TableContext = { format, messages, labels, level };
    const periods = periodsOf(data);
    const period =
      this.shownPeriod && periods.includes(this.shownPeriod) ? this.shownPeriod : periods.at(-1);
    const subjects = subjectsOf(data);
    const hasAnswers = data.cells.some((cell) => cell.n > 0);
    const periodHasAnswers = data.cells.some((cell) => cell.period === period && cell.n > 0);
    const survey = data.survey.id;
    const rows = period === undefined ? [] : rankingRows(data.cells, period, subjects);
    let ranking: Figure | undefined;
    if (period !== undefined && periodHasAnswers) {
      const ranked = rows.filter((row) => row.status === 'ranked');
      const top = ranked[0];
      ranking = {
        key: 'ranking',
        heading: messages.ranking,
        summary: messages.rankingSummary(
          labels.period(period),
          ranked.length,
          top && `${labels.subject(top.subject)} ${format.score(top.mean)}`,
          rows.filter((row) => row.status === 'low-n').length,
        ),
        note: messages.rankingNote(level, threshold),
        table: rankingTable(rows, context),
        rowHeader: 1,
        height: (width) => barsHeight(rows.length, width),
        config: (chart) => rankingChart(rows, chart, (subject) => this.#pick(subject)),
        file: [survey, period, 'ranking'],
      };
    }
    const detail =
      period !== undefined && this.subject && subjects.includes(this.subject)
        ? this.#buildDetail(data, period, this.subject, periods, subjects, context, threshold)
        : undefined;
    return {
      locale,
      messages,
      labels,
      context,
      periods,
      period,
      subjects,
      hasAnswers,
      periodHasAnswers,
      rows,
      ranking,
      detail,
    };
  }

  #buildDetail(
    data: ScoresResponse,
    period: string,
    subject: string,
    periods: readonly string[],
    subjects: readonly string[],
    context: TableContext,
    threshold: number,
  ): DetailView {
    const { messages: m, labels, format, level } = context;
    const name = labels.subject(subject);
    const cell = cellOf(data.cells, subject, period);
    const dimensionOrder = dimensionsOf(data);
    const dimensions = dimensionRows(cell, dimensionOrder);
    const groups = groupRows(cell, groupsOf(data), threshold);
    const distribution = distributionRows(data, period, subject, dimensionOrder);
    const compare =
      this.compare && this.compare !== subject && subjects.includes(this.compare)
        ? this.compare
        : undefined;
    const series = [subject, ...(compare ? [compare] : [])].map((id) => ({
      subject: id,
      points: trendOf(data.cells, id, periods),
    }));
    const file = [data.survey.id, period, subject];
    const figures: Figure[] = [];
    if (cell && cell.n > 0 && dimensions.length > 0) {
      const byMean = dimensions.filter((row) => row.mean !== null);
      byMean.sort((a, b) => (b.mean ?? 0) - (a.mean ?? 0));
      const describe = (row: (typeof byMean)[number] | undefined) =>
        row && `${labels.dimension(row.dimension)} ${format.score(row.mean)}`;
      figures.push({
        key: 'dimensions',
        heading: m.dimensions,
        summary: m.dimensionsSummary(
          name,
          describe(byMean[0]),
          byMean.length > 1 ? describe(byMean.at(-1)) : undefined,
        ),
        note: m.intervalNote(level),
        table: dimensionTable(dimensions, context),
        rowHeader: 0,
        height: (width) => barsHeight(dimensions.length, width),
        config: (chart) =>
          intervalBarChart(
            dimensions.map((row) => ({
              label: labels.dimension(row.dimension),
              value: row.mean,
              low: row.low,
              high: row.high,
              muted: row.lowN,
            })),
            m.scoreAxis,
            false,
            chart,
          ),
        file: [...file, 'dimensions'],
      });
      figures.push({
        key: 'rates',
        heading: m.rates,
        summary: m.ratesSummary(name),
        note: m.ratesNote(level),
        table: rateTable(dimensions, context),
        rowHeader: 0,
        height: (width) => barsHeight(dimensions.length, width),
        config: (chart) =>
          intervalBarChart(
            dimensions.map((row) => ({
              label: labels.dimension(row.dimension),
              value: row.rate,
              low: row.rateLow,
              high: row.rateHigh,
              muted: row.lowN,
            })),
            m.rateAxis,
            true,
            chart,
          ),
        file: [...file, 'rates'],
      });
    }
    if (groups.length > 0) {
      figures.push({
        key: 'groups',
        heading: m.groups,
        summary: m.groupsSummary(name, groups.length),
        note: m.groupsNote(threshold),
        table: groupTable(groups, context),
        rowHeader: 0,
        height: (width) => barsHeight(groups.length, width),
        config: (chart) =>
          intervalBarChart(
            groups.map((row) => ({
              label: `${labels.group(row.group)} (${format.count(row.n)})`,
              value: row.mean,
              low: row.low,
              high: row.high,
              muted: row.lowN,
            })),
            m.scoreAxis,
            false,
            chart,
          ),
        file: [...file, 'groups'],
      });
    }
    const answered = series[0]!.points.filter((point) => point.mean !== null);
    figures.push({
      key: 'trend',
      heading: m.trend,
      summary: m.trendSummary(
        name,
        answered[0] && `${labels.period(answered[0].period)} ${format.score(answered[0].mean)}`,
        answered.length > 1
          ? `${labels.period(answered.at(-1)!.period)} ${format.score(answered.at(-1)!.mean)}`
          : undefined,
      ),
      note: m.intervalNote(level),
      table: trendTable(series, context),
      rowHeader: 0,
      height: () => 300,
      config: (chart) => trendChart(series, chart),
      file: [data.survey.id, compare ? `${subject}-${compare}` : subject, 'trend'],
    });
    const scales = byScale(
      distribution.filter((row) => row.total > 0),
      (row) => labels.levels(row.dimension, row.counts.length),
    );
    scales.forEach((rows, index) => {
      const suffix = scales.length > 1 ? `-${index + 1}` : '';
      const heading =
        scales.length > 1
          ? `${m.distribution}: ${rows.map((row) => labels.dimension(row.dimension)).join(', ')}`
          : m.distribution;
      figures.push({
        key: `distribution${suffix}`,
        heading,
        summary: m.distributionSummary(name),
        note: m.distributionNote,
        table: distributionTable(rows, context),
        rowHeader: 0,
        height: (width) => barsHeight(rows.length, width) + 40,
        config: (chart) => distributionChart(rows, chart),
        file: [...file, `distribution${suffix}`],
      });
    });
    return {
      subject,
      cell,
      title: m.detailTitle(name, labels.period(period)),
      figures,
      counts: cell && cell.n > 0 ? countsTable(dimensions, context) : undefined,
      file,
    };
  }

  protected override render(): TemplateResult {
    const m = this.messages;
    const view = this.#view;
    const title = (view && pick(this.data?.survey.title, view.locale)) || m.defaultTitle;
    return html`
      <section class="board" part="board" aria-labelledby="title">
        <header>
          <div>
            <h2 id="title" part="title">${title}</h2>
            ${this.phase === 'loaded' && this.data ? html`<p class="meta">${this.#meta(this.data)}</p>` : nothing}
          </div>
          ${this.renderSignOut()}
        </header>
        ${this.#body()}
      </section>
    `;
  }

  #meta(data: ScoresResponse): string {
    const m = this.messages;
    const labels = this.#view?.labels;
    const range = m.range(
      data.from ? (labels?.date(data.from) ?? data.from) : undefined,
      data.to ? (labels?.date(data.to) ?? data.to) : undefined,
    );
    return [m.granularities[data.period], range, data.options.poststratify ? m.poststratified : '']
      .filter(Boolean)
      .join(' · ');
  }

  #body(): TemplateResult {
    const signIn = this.renderSignIn(this.messages.showScores);
    if (signIn) return signIn;
    const view = this.#view;
    return html`
      ${this.#controls(view)}
      ${this.phase === 'error' && this.error ? this.#alert(this.error) : nothing}
      ${this.renderStatus(this.#statusText(view))}
      ${this.phase === 'loaded' && view ? this.#results(view) : nothing}
    `;
  }

  #statusText(view: View | undefined): string {
    const m = this.messages;
    if (this.phase === 'loading') return m.loading;
    if (this.phase !== 'loaded' || !view) return '';
    if (!view.hasAnswers) return m.empty;
    if (!view.periodHasAnswers) return m.emptyPeriod;
    return m.loaded(
      view.subjects.filter((subject) =>
        this.data?.cells.some((cell) => cell.department === subject),
      ).length,
      view.periods.length,
    );
  }

  #alert(error: LoadError): TemplateResult {
    const m = this.messages;
    return html`
      <div class="alert" part="error" role="alert" tabindex="-1">
        <p>${this.#errorMessage(error)}</p>
        <button type="button" @click=${this.#retry}>${m.retry}</button>
      </div>
    `;
  }

  #retry = (): void => {
    this.#requestKey = undefined;
    this.focusAfterUpdate('#status');
    this.requestUpdate();
  };

  #controls(view: View | undefined): TemplateResult {
    const m = this.messages;
    const mode = this.custom ? 'custom' : this.period;
    const busy = this.phase === 'loading';
    const rangeError = this.rangeError;
    return html`
      <form class="controls" part="controls" method="dialog" novalidate @submit=${this.#applyRange}>
        <fieldset>
          <legend>${m.granularity}</legend>
          <div class="choices">
            ${CHOICES.map(
              (choice) => html`
                <label class="choice">
                  <input
                    type="radio"
                    name="granularity"
                    .value=${choice}
                    .checked=${mode === choice}
                    @change=${() => this.#chooseGranularity(choice)}
                  />
                  ${m.granularities[choice]}
                </label>
              `,
            )}
          </div>
        </fieldset>
        ${
          this.custom
            ? html`
              <div class="row">
                <div class="field">
                  <label class="label" for="from">${m.from}</label>
                  <input id="from" name="from" type="date" .value=${this.from ?? ''} />
                </div>
                <div class="field">
                  <label class="label" for="to">${m.to}</label>
                  <input
                    id="to"
                    name="to"
                    type="date"
                    .value=${this.to ?? ''}
                    aria-invalid=${rangeError ? 'true' : 'false'}
                    aria-describedby=${rangeError ? 'range-error' : nothing}
                  />
                </div>
                <div class="field">
                  <label class="label" for="group-by">${m.groupBy}</label>
                  <select id="group-by" name="groupBy">
                    ${GRANULARITIES.map(
                      (granularity) =>
                        html`<option value=${granularity} .selected=${granularity === this.period}>
                          ${m.granularities[granularity]}
                        </option>`,
                    )}
                  </select>
                </div>
                <button type="submit">${m.apply}</button>
              </div>
              ${rangeError ? html`<p id="range-error" class="error">${rangeError}</p>` : nothing}
            `
            : nothing
        }
        <div class="row">
          <label class="check">
            <input
              type="checkbox"
              name="poststratify"
              .checked=${this.poststratify}
              aria-describedby="poststratify-hint"
              @change=${(event: Event) => {
                this.poststratify = (event.target as HTMLInputElement).checked;
              }}
            />
            ${m.poststratify}
          </label>
          <span id="poststratify-hint" class="hint">${m.poststratifyHint}</span>
        </div>
        <div class="row">
          ${
            view && view.periods.length > 0 && !busy
              ? html`
                <div class="field">
                  <label class="label" for="shown-period">${m.shownPeriod}</label>
                  <select id="shown-period" @change=${this.#choosePeriod}>
                    ${view.periods.map(
                      (period) =>
                        html`<option value=${period} .selected=${period === view.period}>
                          ${view.labels.period(period)}
                        </option>`,
                    )}
                  </select>
                </div>
              `
              : nothing
          }
          <button
            type="button"
            class="secondary"
            part="table-toggle"
            aria-pressed=${this.tableView ? 'true' : 'false'}
            @click=${() => {
              this.tableView = !this.tableView;
            }}
          >
            ${m.tableView}
          </button>
        </div>
      </form>
    `;
  }

  #chooseGranularity(choice: (typeof CHOICES)[number]): void {
    this.rangeError = undefined;
    if (choice === 'custom') {
      this.custom = true;
      return;
    }
    this.custom = false;
    this.period = choice;
    this.from = undefined;
    this.to = undefined;
  }

  #applyRange = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) =>
      (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
    const from = value('from');
    const to = value('to');
    const groupBy = value('groupBy') as Granularity;
    if ((from && !DATE.test(from)) || (to && !DATE.test(to))) {
      this.rangeError = this.messages.dateInvalid;
      this.focusAfterUpdate('#to');
      return;
    }
    if (from && to && from > to) {
      this.rangeError = this.messages.rangeInvalid;
      this.focusAfterUpdate('#to');
      return;
    }
    this.rangeError = undefined;
    this.from = from || undefined;
    this.to = to || undefined;
    if (GRANULARITIES.includes(groupBy)) this.period = groupBy;
  };

  #choosePeriod = (event: Event): void => {
    this.shownPeriod = (event.target as HTMLSelectElement).value;
  };

  #pick(subject: string): void {
    this.subject = subject;
    this.focusAfterUpdate('#detail-title');
  }

  #results(view: View): TemplateResult | typeof nothing {
    if (!view.hasAnswers || !view.periodHasAnswers || !view.ranking) return nothing;
    const m = view.messages;
    const detail = view.detail;
    return html`
      ${this.#figure(view.ranking, 'h3')}
      <section class="detail" part="detail" aria-labelledby="detail-title">
        <h3 id="detail-title" tabindex="-1">${detail ? detail.title : m.detail}</h3>
        <div class="row">
          <div class="field">
            <label class="label" for="subject">${m.chooseSubject}</label>
            <select id="subject" @change=${this.#chooseSubject}>
              <option value="" .selected=${!detail}>${m.choose}</option>
              ${view.subjects.map(
                (subject) =>
                  html`<option value=${subject} .selected=${subject === detail?.subject}>
                    ${view.labels.subject(subject)}
                  </option>`,
              )}
            </select>
          </div>
        </div>
        ${detail ? this.#detail(view, detail) : nothing}
      </section>
    `;
  }

  #chooseSubject = (event: Event): void => {
    this.subject = (event.target as HTMLSelectElement).value || undefined;
  };

  #detail(view: View, detail: DetailView): TemplateResult {
    const m = view.messages;
    const { format, labels } = view.context;
    const cell = detail.cell;
    if (!cell || cell.n === 0) {
      return html`
        <p class="meta">${m.emptyPeriod}</p>
        ${repeat(
          detail.figures,
          (figure) => figure.key,
          (figure) => this.#figure(figure, 'h4', view),
        )}
      `;
    }
    const row = view.rows.find((item) => item.subject === detail.subject);
    const rank = row ? rankText(row) : undefined;
    const status =
      row?.status === 'low-n' ? m.lowN : row?.status === 'unranked' ? m.unranked : undefined;
    const nps = Object.entries(cell.dimensions).filter(([, value]) => value.nps);
    return html`
      <dl class="stats">
        <div>
          <dt>${m.score} (${m.interval(view.context.level)})</dt>
          <dd>${format.interval(cell.score.mean, cell.score.ci_low, cell.score.ci_high)}</dd>
        </div>
        <div>
          <dt>${m.rank}</dt>
          <dd>${rank ?? html`<span class="flag">${status ?? m.unranked}</span>`}</dd>
        </div>
        <div><dt>${m.responses}</dt><dd>${format.count(cell.n)}</dd></div>
        <div><dt>${m.nEff}</dt><dd>${format.score(cell.score.n_eff)}</dd></div>
        <div><dt>${m.excluded}</dt><dd>${format.count(cell.n_excluded)}</dd></div>
        ${nps.map(
          ([id, value]) => html`
            <div>
              <dt>${m.nps}: ${labels.dimension(id)}</dt>
              <dd>${format.interval(value.nps!.value, value.nps!.ci_low, value.nps!.ci_high, 'nps')}</dd>
            </div>
          `,
        )}
      </dl>
      ${repeat(
        detail.figures,
        (figure) => figure.key,
        (figure) => this.#figure(figure, 'h4', view),
      )}
      ${detail.counts ? this.#countsSection(view, detail, detail.counts) : nothing}
    `;
  }

  #countsSection(view: View, detail: DetailView, table: TableModel): TemplateResult {
    const m = view.messages;
    return html`
      <section class="figure" aria-labelledby="counts-title">
        <h4 id="counts-title">${m.counts}</h4>
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="counts-title">
          ${this.#tableElement(table, m.counts, 0)}
        </div>
        <p class="note">${m.excludedNote}</p>
        <div class="actions">
          <button
            type="button"
            class="secondary"
            aria-label=${`${m.downloadCsv}: ${m.counts}`}
            @click=${() => downloadText(tableCsv(table), fileName([...detail.file, 'counts'], 'csv'), 'text/csv;charset=utf-8')}
          >
            ${m.downloadCsv}
          </button>
        </div>
      </section>
    `;
  }

  /** `view` is given for the trend, whose figure also offers a subject to compare with. */
  #figure(figure: Figure, heading: 'h3' | 'h4', view?: View): TemplateResult {
    const m = this.messages;
    const id = `figure-${figure.key}`;
    const title =
      heading === 'h3'
        ? html`<h3 id=${`${id}-title`}>${figure.heading}</h3>`
        : html`<h4 id=${`${id}-title`}>${figure.heading}</h4>`;
    const visible = this.tableView;
    return html`
      <section class="figure" part="figure" aria-labelledby=${`${id}-title`}>
        ${title}
        ${view && figure.key === 'trend' ? this.#compareControl(view) : nothing}
        <div class="chart" ?hidden=${visible}>
          <canvas data-chart=${figure.key} role="img" aria-label=${figure.summary}></canvas>
        </div>
        ${figure.note ? html`<p class="note">${figure.note}</p>` : nothing}
        <div
          class=${visible ? 'table-wrap' : 'table-wrap sr-only'}
          tabindex=${visible ? '0' : nothing}
          role=${visible ? 'region' : nothing}
          aria-labelledby=${visible ? `${id}-title` : nothing}
        >
          ${this.#tableElement(figure.table, figure.heading, figure.rowHeader)}
        </div>
        <div class="actions">
          <button
            type="button"
            class="secondary"
            part="download"
            aria-label=${`${m.downloadCsv}: ${figure.heading}`}
            @click=${() => this.#downloadCsv(figure)}
          >
            ${m.downloadCsv}
          </button>
          ${
            visible
              ? nothing
              : html`<button
                type="button"
                class="secondary"
                part="download"
                aria-label=${`${m.downloadPng}: ${figure.heading}`}
                @click=${() => this.#downloadPng(figure)}
              >
                ${m.downloadPng}
              </button>`
          }
        </div>
      </section>
    `;
  }

  #compareControl(view: View): TemplateResult {
    const m = view.messages;
    const subject = view.detail?.subject;
    return html`
      <div class="row">
        <div class="field">
          <label class="label" for="compare">${m.compareWith}</label>
          <select id="compare" @change=${this.#chooseCompare}>
            <option value="" .selected=${!this.compare}>${m.compareNone}</option>
            ${view.subjects
              .filter((id) => id !== subject)
              .map(
                (id) =>
                  html`<option value=${id} .selected=${id === this.compare}>
                    ${view.labels.subject(id)}
                  </option>`,
              )}
          </select>
        </div>
      </div>
    `;
  }

  #chooseCompare = (event: Event): void => {
    this.compare = (event.target as HTMLSelectElement).value || undefined;
  };

  #tableElement(table: TableModel, caption: string, rowHeader: number): TemplateResult {
    return html`
      <table>
        <caption>${caption}</caption>
        <thead>
          <tr>${table.columns.map((column) => html`<th scope="col">${column.header}</th>`)}</tr>
        </thead>
        <tbody>
          ${table.rows.map(
            (row) => html`
              <tr>
                ${row.map((cell, index) =>
                  index === rowHeader
                    ? html`<th scope="row">${cell.text}</th>`
                    : html`<td>${cell.text}</td>`,
                )}
              </tr>
            `,
          )}
        </tbody>
      </table>
    `;
  }

  #downloadCsv(figure: Figure): void {
    downloadText(tableCsv(figure.table), fileName(figure.file, 'csv'), 'text/csv;charset=utf-8');
  }

  async #downloadPng(figure: Figure): Promise<void> {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>(
      `canvas[data-chart="${figure.key}"]`,
    );
    if (!canvas) return;
    download(await canvasPng(canvas), fileName(figure.file, 'png'));
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.#syncCharts();
    super.updated(changed);
  }

  #syncCharts(): void {
    const view = this.#view;
    const figures =
      this.phase === 'loaded' && view?.ranking
        ? [view.ranking, ...(view.detail?.figures ?? [])]
        : [];
    const theme = themeOf(this);
    const specs = figures.flatMap((figure) => {
      const canvas = this.renderRoot.querySelector<HTMLCanvasElement>(
        `canvas[data-chart="${figure.key}"]`,
      );
      return canvas
        ? [
            {
              key: figure.key,
              canvas,
              height: figure.height,
              config: () =>
                figure.config({
                  theme,
                  format: view!.context.format,
                  messages: view!.messages,
                  labels: view!.labels,
                }),
            },
          ]
        : [];
    });
    const drawn = this.#charts.sync(specs, this.#version, JSON.stringify(theme));
    if (this.#renderPending && this.phase === 'loaded') {
      this.#renderPending = false;
      this.emit<RenderedEventDetail>('minyi-rendered', { charts: drawn });
    }
  }
}
