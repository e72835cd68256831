/**
 * The chaos run: the real collector in-process behind the fault proxy, two tabs of one Chromium
 * profile answering through the widgets while the network drops and pages reload, then a final
 * drain with faults off. It returns what happened; the test decides whether that is right.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningCollector, type StoredResponse, startCollector } from '@minyi/collector';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { launchOptions } from '../../../scripts/chromium.mjs';
import { type FaultProxy, type ProxyStats, startFaultProxy } from './fault-proxy.js';
import { type Plan, planScenario, type Step, TAB_NAMES, type Tab } from './plan.js';
import { stream } from './random.js';

export interface ChaosOptions {
  readonly seed: number;
  readonly answers: number;
  /** The outbox's request timeout in the pages; short, so that hung requests cost little. */
  readonly requestTimeoutMs?: number;
  /** How long the proxy holds a hung request before dropping it: well past the timeout. */
  readonly hangMs?: number;
  /** The bound on the final drain with faults off. */
  readonly settleTimeoutMs?: number;
  readonly progress?: (line: string) => void;
}

export interface ChaosSummary {
  readonly seed: number;
  readonly answers: number;
  readonly answersByTab: readonly [number, number];
  readonly offlineSpells: number;
  readonly reloads: number;
  /** Reloads made while a delivery request from that tab was held open at the proxy. */
  readonly midRequestReloads: number;
  /** Planned mid-request reloads for which no request from the tab came in time. */
  readonly midRequestReloadsWithoutRequest: number;
  readonly pauses: number;
  readonly proxy: ProxyStats;
  /** `minyi-delivered` events the pages reported (lost with a page that reloads first). */
  readonly deliveredEvents: number;
  readonly scenarioMs: number;
  readonly settleMs: number;
  readonly totalMs: number;
}

export interface ChaosOutcome {
  readonly summary: ChaosSummary;
  /** Response id → the JSON the widget submitted, as `minyi-submit` carried it. */
  readonly submitted: ReadonlyMap<string, string>;
  /** Subject → the level id the scenario chose for it. */
  readonly chosen: ReadonlyMap<string, string>;
  readonly rows: readonly StoredResponse[];
  /** Answers still queued in each tab after the drain. */
  readonly pendingAtEnd: readonly number[];
  readonly deadLetters: readonly unknown[];
  readonly pageErrors: readonly string[];
  /** `minyi-error` events: storage or refusal problems the widgets reported. */
  readonly widgetErrors: readonly string[];
  /** The same response id submitted twice with different content (a broken id source). */
  readonly conflictingSubmissions: readonly string[];
}

const CHAOS_DIR = fileURLToPath(new URL('./', import.meta.url));
const require = createRequire(import.meta.url);
/** The built script, through the widgets package's exports. */
const SDK_FILE = require.resolve('@minyi/widgets/minyi.js');
/** The page carries no inline script or style; this makes the browser hold it to that. */
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";

const QUEUE_TIMEOUT_MS = 15_000;
/** How long a mid-request reload waits for the tab's next delivery request. */
const HOLD_WAIT_MS = 3_000;
const SETTLE_POLL_MS = 250;

export async function runChaos(options: ChaosOptions): Promise<ChaosOutcome> {
  if (!existsSync(SDK_FILE)) {
    throw new Error(`${SDK_FILE} is missing: build first (pnpm build)`);
  }
  const started = Date.now();
  const requestTimeoutMs = options.requestTimeoutMs ?? 1_500;
  const hangMs = options.hangMs ?? requestTimeoutMs * 3;
  const settleTimeoutMs = options.settleTimeoutMs ?? 60_000;
  const plan = planScenario(stream(options.seed, 'scenario'), options.answers);
  const dir = mkdtempSync(join(tmpdir(), 'minyi-chaos-'));
  let collector: RunningCollector | undefined;
  let proxy: FaultProxy | undefined;
  let browser: Browser | undefined;
  try {
    collector = await startCollector({
      dbPath: join(dir, 'minyi.sqlite'),
      port: 0,
      demo: true,
      logLevel: 'warn',
      sdkFile: SDK_FILE,
      // Two tabs share one device key and one address: the limits are tested elsewhere.
      rateLimit: { perAddress: 0, perDevice: 0 },
    });
    proxy = await startFaultProxy({
      upstream: collector.url,
      random: stream(options.seed, 'faults'),
      hangMs,
      files: {
        '/chaos/': {
          file: join(CHAOS_DIR, 'page.html'),
          type: 'text/html; charset=utf-8',
          headers: { 'content-security-policy': PAGE_CSP, 'referrer-policy': 'same-origin' },
        },
        '/chaos/page.js': {
          file: join(CHAOS_DIR, 'page.js'),
          type: 'text/javascript; charset=utf-8',
        },
        '/chaos/minyi.js': { file: SDK_FILE, type: 'text/javascript; charset=utf-8' },
      },
      sourceOf: tabOfRequest,
    });
    browser = await chromium.launch(launchOptions());
    const run = new Run(plan, proxy, await browser.newContext(), requestTimeoutMs);
    const outcome = await run.play(options, settleTimeoutMs);
    // The demo seeds answers of its own to the evaluation survey; the chaos page answers page-feedback.
    const rows = await collector.storage.listResponses({ surveys: ['page-feedback'] });
    return {
      ...outcome,
      rows,
      summary: { ...outcome.summary, totalMs: Date.now() - started },
    };
  } finally {
    await browser?.close();
    await proxy?.close();
    await collector?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Which tab sent a request: the page URL (and so its `tab` parameter) is the Referer. */
function tabOfRequest(request: { headers: { referer?: string | undefined } }): string | undefined {
  const referer = request.headers.referer;
  if (!referer) return undefined;
  try {
    return new URL(referer).searchParams.get('tab') ?? undefined;
  } catch {
    return undefined;
  }
}

type Report =
  | { kind: 'submit'; id: string; subject: string; json: string }
  | { kind: 'queued'; id: string; subject: string }
  | { kind: 'delivered'; id: string }
  | { kind: 'error'; id: string; code: string; message: string }
  | { kind: 'csp'; directive: string; blocked: string };

class Run {
  private readonly pages: Page[] = [];
  private readonly submitted = new Map<string, string>();
  private readonly chosen = new Map<string, string>();
  private readonly queued = new Set<string>();
  private readonly waiters = new Map<string, () => void>();
  private readonly pageErrors: string[] = [];
  private readonly widgetErrors: string[] = [];
  private readonly conflicting: string[] = [];
  private deliveredEvents = 0;
  private midRequestReloads = 0;
  private midRequestMissed = 0;
  private pauses = 0;
  private readonly answersByTab: [number, number] = [0, 0];

  constructor(
    private readonly plan: Plan,
    private readonly proxy: FaultProxy,
    private readonly context: BrowserContext,
    private readonly requestTimeoutMs: number,
  ) {}

  async play(
    options: ChaosOptions,
    settleTimeoutMs: number,
  ): Promise<Omit<ChaosOutcome, 'rows' | 'summary'> & { summary: Omit<ChaosSummary, 'totalMs'> }> {
    await this.context.exposeBinding('minyiChaos', (_source, kind: string, detail: unknown) =>
      this.onReport({ kind, ...(detail as object) } as Report),
    );
    // The page's policy forbids inline script and style, and the widgets must need neither. An
    // init script, because violations in the markup happen before the page's own script runs.
    await this.context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const send = (window as unknown as { minyiChaos?: (...args: unknown[]) => Promise<void> })
          .minyiChaos;
        void send?.('csp', { directive: event.violatedDirective, blocked: event.blockedURI }).catch(
          () => {},
        );
      });
    });
    for (const tab of [0, 1] as const) {
      const page = await this.context.newPage();
      page.on('pageerror', (error) =>
        this.pageErrors.push(`tab ${TAB_NAMES[tab]}: ${error.message}`),
      );
      this.pages.push(page);
      await page.goto(this.pageUrl(tab));
      await this.ready(page);
    }

    const scenarioStart = Date.now();
    let done = 0;
    for (const step of this.plan.steps) {
      await this.perform(step);
      if (step.kind === 'answer' && ++done % 50 === 0) {
        const { ingestRequests, fates } = this.proxy.stats;
        options.progress?.(
          `${done}/${this.plan.answers} answers, ${ingestRequests} requests, faults ${JSON.stringify(fates)}`,
        );
      }
    }
    const scenarioMs = Date.now() - scenarioStart;

    const settleStart = Date.now();
    const { pendingAtEnd, deadLetters } = await this.settle(settleTimeoutMs);
    const settleMs = Date.now() - settleStart;

    return {
      submitted: this.submitted,
      chosen: this.chosen,
      pendingAtEnd,
      deadLetters,
      pageErrors: this.pageErrors,
      widgetErrors: this.widgetErrors,
      conflictingSubmissions: this.conflicting,
      summary: {
        seed: options.seed,
        answers: this.plan.answers,
        answersByTab: this.answersByTab,
        offlineSpells: this.plan.offlineSpells,
        reloads: this.plan.reloads,
        midRequestReloads: this.midRequestReloads,
        midRequestReloadsWithoutRequest: this.midRequestMissed,
        pauses: this.pauses,
        proxy: this.proxy.stats,
        deliveredEvents: this.deliveredEvents,
        scenarioMs,
        settleMs,
      },
    };
  }

  private pageUrl(tab: Tab): string {
    return `${this.proxy.url}/chaos/?tab=${TAB_NAMES[tab]}&timeout=${this.requestTimeoutMs}`;
  }

  private async ready(page: Page): Promise<void> {
    await page.waitForFunction(() => document.documentElement.dataset.chaosReady === 'true', null, {
      timeout: 15_000,
    });
  }

  private onReport(report: Report): void {
    switch (report.kind) {
      case 'submit': {
        const earlier = this.submitted.get(report.id);
        if (earlier !== undefined && earlier !== report.json) this.conflicting.push(report.id);
        this.submitted.set(report.id, report.json);
        return;
      }
      case 'queued':
        this.queued.add(report.subject);
        this.waiters.get(report.subject)?.();
        return;
      case 'delivered':
        this.deliveredEvents += 1;
        return;
      case 'csp':
        this.pageErrors.push(
          `Content-Security-Policy ${report.directive} blocked ${report.blocked}`,
        );
        return;
      case 'error':
        this.widgetErrors.push(
          `${report.code} for ${report.id || 'the outbox'}: ${report.message}`,
        );
        return;
    }
  }

  private async perform(step: Step): Promise<void> {
    switch (step.kind) {
      case 'offline':
        await this.context.setOffline(true);
        return;
      case 'online':
        await this.context.setOffline(false);
        return;
      case 'pause':
        this.pauses += 1;
        await new Promise((resolve) => setTimeout(resolve, step.ms));
        return;
      case 'answer':
        await this.answer(step);
        return;
    }
  }

  private async answer(step: Extract<Step, { kind: 'answer' }>): Promise<void> {
    const page = this.pages[step.tab]!;
    const subject = `chaos-${step.index}`;

    this.chosen.set(subject, step.level.id);
    // As a resident switches tabs. It also matters for speed: a hidden page gets no animation
    // frames, and actions wait for frames to see the element stable.
    await page.bringToFront();
    this.answersByTab[step.tab] += 1;
    await page.evaluate((name) => {
      const widget = document.createElement('minyi-satisfaction');
      widget.setAttribute('survey', 'page-feedback');
      widget.setAttribute('subject', name);
      // Answered widgets stay: the outbox tells the submitting element what became of its
      // answer, and events on an element no longer in the document never reach the listeners
      // on `document` that report them.
      document.getElementById('widgets')!.append(widget);
    }, subject);
    const widget = page.locator(`minyi-satisfaction[subject="${subject}"]`);
    await widget.getByRole('radio', { name: step.level.label, exact: true }).check();

    // Armed before the click, so that the delivery request the click starts can be caught.
    const tabName = TAB_NAMES[step.tab];
    const hold =
      step.after === 'reload-mid-request'
        ? this.proxy.holdNext((request) => tabOfRequest(request) === tabName, HOLD_WAIT_MS)
        : undefined;
    const queued = this.whenQueued(subject);
    await widget.getByRole('button', { name: '提交', exact: true }).click();
    await queued;

    if (step.after === 'none') return;
    const release = await hold;
    if (step.after === 'reload-mid-request') {
      if (release) this.midRequestReloads += 1;
      else this.midRequestMissed += 1;
    }
    await page.reload();
    // The request's page is gone; answering it now reaches no one, as after a real navigation.
    release?.();
    await this.ready(page);
  }

  /** Resolves once the page reports the answer stored on the device (`minyi-queued`). */
  private whenQueued(subject: string): Promise<void> {
    if (this.queued.has(subject)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(subject);
        reject(new Error(`the answer for ${subject} was not queued within ${QUEUE_TIMEOUT_MS} ms`));
      }, QUEUE_TIMEOUT_MS);
      this.waiters.set(subject, () => {
        clearTimeout(timer);
        this.waiters.delete(subject);
        resolve();
      });
    });
  }

  /**
   * Faults off and the network back: flush until nothing waits. Bounded; on timeout the counts
   * that remain are returned for the test to report.
   */
  private async settle(
    timeoutMs: number,
  ): Promise<{ pendingAtEnd: number[]; deadLetters: unknown[] }> {
    this.proxy.faults = false;
    await this.context.setOffline(false);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.pages[0]!.evaluate(() => window.Minyi.flush());
      const pendingAtEnd = await Promise.all(
        this.pages.map((page) => page.evaluate(() => window.Minyi.pending())),
      );
      const deadLetters = await this.pages[0]!.evaluate(() => window.Minyi.deadLetters());
      // Dead letters never leave on their own: waiting longer would not change the verdict.
      if (pendingAtEnd.every((count) => count === 0) || deadLetters.length > 0) {
        return { pendingAtEnd, deadLetters };
      }
      if (Date.now() > deadline) return { pendingAtEnd, deadLetters };
      await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    }
  }
}
