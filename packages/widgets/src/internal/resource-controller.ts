import type { ValidationIssue } from '@minyi/schema';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { cacheDocument, cachedDocument } from './local-store.js';

type Host = ReactiveControllerHost & HTMLElement;
export type Validate<T> = (
  json: unknown,
) => { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/**
 * A JSON document an element renders (a survey definition, a consultation topic): from an inline
 * `<script type="application/json">` child when the page gives one, else from the collector,
 * shown from the device's cache first so that a widget works offline after one visit.
 */
export class ResourceController<T> implements ReactiveController {
  value: T | undefined;
  /** A problem for the web team, naming the field, when the document is invalid. */
  error: string | undefined;
  /** Neither the collector nor the cache could provide the document. */
  unavailable = false;
  #url: string | undefined;

  readonly #host: Host;
  readonly #validate: Validate<T>;

  constructor(host: Host, validate: Validate<T>) {
    this.#host = host;
    this.#validate = validate;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Loads the document once per URL; an inline child takes precedence over the URL. */
  load(url: string | undefined): void {
    const inline = this.#host.querySelector(':scope > script[type="application/json"]');
    const key = inline ? 'inline' : url;
    if (key === this.#url) return;
    this.#url = key;
    this.value = undefined;
    this.error = undefined;
    this.unavailable = false;
    if (inline) {
      let json: unknown;
      try {
        json = JSON.parse(inline.textContent ?? '');
      } catch (error) {
        this.#fail(`inline JSON: ${(error as Error).message}`);
        return;
      }
      this.#accept(json, 'inline JSON');
    } else if (url) {
      void this.#fetchDocument(url);
    }
  }

  async #fetchDocument(url: string): Promise<void> {
    const cached = await cachedDocument(url);
    if (url !== this.#url) return;
    if (cached !== undefined) this.#accept(cached, url);
    let json: unknown;
    try {
      const response = await fetch(url, { credentials: 'omit' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      json = await response.json();
    } catch {
      if (url !== this.#url || this.value) return;
      this.unavailable = true;
      this.#host.requestUpdate();
      return;
    }
    if (url !== this.#url) return;
    if (this.#accept(json, url)) void cacheDocument(url, json);
  }

  #accept(json: unknown, source: string): boolean {
    const result = this.#validate(json);
    if (!result.ok) {
      this.#fail(
        `${source}: ${result.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
      );
      return false;
    }
    this.value = result.value;
    this.error = undefined;
    this.#host.requestUpdate();
    return true;
  }

  #fail(message: string): void {
    this.error = message;
    console.error(`[minyi] <${this.#host.localName}> ${message}`);
    this.#host.requestUpdate();
  }
}
