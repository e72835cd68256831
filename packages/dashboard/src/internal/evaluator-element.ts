import type { Locale } from '@minyi/schema';
import {
  html,
  LitElement,
  nothing,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import { collectorBase } from './collector-request.js';
import { defaultCollector } from './config.js';
import { resolveLocale } from './locale.js';
import { TOKEN_MESSAGES } from './token-messages.js';
import { forgetToken, rememberedToken, rememberToken } from './token-store.js';

export type Phase = 'token' | 'loading' | 'loaded' | 'error';

/** The strings the shared parts show that differ between the elements, from each one's table. */
export interface EvaluatorMessages {
  tokenHint: string;
  notConfigured: string;
}

/**
 * Each element's token. Neither a property nor an attribute, nor a field behind an accessor, all
 * of which a page's scripts can read: only the elements' own modules can, through `tokenOf`, which
 * no bundle exposes.
 */
const tokens = new WeakMap<EvaluatorElement, string>();

export function tokenOf(element: EvaluatorElement): string | undefined {
  return tokens.get(element);
}

/**
 * What the evaluator's elements share: the collector they ask, the locale, which follows `lang`
 * wherever it is set, and the evaluator's token, from its prompt to sign-out, kept for the tab
 * under one key so that a token remembered on one element serves the other.
 */
export abstract class EvaluatorElement extends LitElement {
  static override properties: PropertyDeclarations = {
    collector: { type: String },
    phase: { state: true },
    tokenError: { state: true },
  };

  /** The collector's base URL; defaults to the script tag's `data-collector`. */
  declare collector: string | undefined;

  declare protected phase: Phase;
  declare protected tokenError: string | undefined;

  /** The collector origin the token was entered for; it is sent nowhere else. */
  #tokenOrigin: string | undefined;
  #tokenVersion = 0;
  /** A selector in the shadow root. */
  #focusNext: string | undefined;

  /** The name of the element's error event, which also reports a missing collector. */
  protected abstract readonly errorEvent: string;

  protected abstract get messages(): EvaluatorMessages;

  constructor() {
    super();
    this.phase = 'token';
  }

  protected get collectorUrl(): string | undefined {
    return this.collector || defaultCollector();
  }

  protected get locale(): Locale {
    return resolveLocale(this);
  }

  /** Changes with every token given, the same one again included, so that it is tried again. */
  protected get tokenVersion(): number {
    return this.#tokenVersion;
  }

  /** `lang` is the page's attribute, not a property of ours: watched so that the locale follows it. */
  static override get observedAttributes(): string[] {
    // biome-ignore lint/complexity/noThisInStatic: Lit computes the attributes of `this` class, which `super` keeps.
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const origin = this.#collectorOrigin();
    if (!tokenOf(this) && origin) {
      const remembered = rememberedToken(origin);
      if (remembered) this.#setToken(remembered, origin);
    }
    // Moved within the page: what went with the disconnection, requests and charts, comes back.
    if (this.hasUpdated) this.requestUpdate();
  }

  #collectorOrigin(): string | undefined {
    const collector = this.collectorUrl;
    if (!collector) return undefined;
    try {
      return collectorBase(collector).origin;
    } catch {
      return undefined;
    }
  }

  #setToken(token: string, origin: string): void {
    tokens.set(this, token);
    this.#tokenOrigin = origin;
    this.#tokenVersion += 1;
    this.phase = 'loading';
  }

  /** Forgets the token, in the tab's storage too; each element also drops what it read with it. */
  protected dropToken(): void {
    if (this.#tokenOrigin) forgetToken(this.#tokenOrigin);
    tokens.delete(this);
    this.#tokenOrigin = undefined;
    this.phase = 'token';
  }

  /** The collector refused the token (401, 403): it will not serve again, so it is asked for anew. */
  protected refuseToken(message: string): void {
    this.dropToken();
    this.tokenError = message;
    this.focusAfterUpdate('#token');
  }

  protected signOut(): void {
    this.dropToken();
    this.tokenError = undefined;
    this.focusAfterUpdate('#token');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.collectorUrl && tokenOf(this) && this.#collectorOrigin() !== this.#tokenOrigin) {
      // The collector changed under the element: the token stays with the one it was meant for.
      this.dropToken();
    }
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    if (this.collectorUrl) return;
    // The web team's mistake, not the evaluator's: said on the page and in the console.
    const message = this.messages.notConfigured;
    console.warn(`[minyi] ${message}`);
    this.emit(this.errorEvent, { code: 'not-configured', message });
  }

  /** Focus moves to what changed once it is rendered. */
  protected focusAfterUpdate(selector: string): void {
    this.#focusNext = selector;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const selector = this.#focusNext;
    if (!selector) return;
    this.#focusNext = undefined;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  protected emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { bubbles: true, composed: true, detail }));
  }

  /**
   * What stands for the element's body until it can ask the collector anything: the web team's
   * missing configuration, or the token prompt with `submit` on its button.
   */
  protected renderSignIn(submit: string): TemplateResult | undefined {
    if (!this.collectorUrl) {
      return html`<div class="alert" part="error" role="alert"><p>${this.messages.notConfigured}</p></div>`;
    }
    return tokenOf(this) ? undefined : this.#tokenForm(submit);
  }

  protected renderSignOut(): TemplateResult | typeof nothing {
    return tokenOf(this)
      ? html`<button type="button" class="secondary" part="sign-out" @click=${this.signOut}>
          ${TOKEN_MESSAGES[this.locale].signOut}
        </button>`
      : nothing;
  }

  /** Where loading and its outcome are announced; focus comes here once the token is given. */
  protected renderStatus(text: string): TemplateResult {
    return html`<p id="status" class="status meta" part="status" role="status" tabindex="-1">${text}</p>`;
  }

  #tokenForm(submit: string): TemplateResult {
    const m = TOKEN_MESSAGES[this.locale];
    const error = this.tokenError;
    return html`
      <form class="token" part="token-form" method="dialog" novalidate @submit=${this.#submitToken}>
        <div class="field">
          <label class="label" for="token">${m.tokenLabel}</label>
          <input
            id="token"
            name="token"
            part="token"
            type="password"
            autocomplete="off"
            autocapitalize="off"
            spellcheck="false"
            required
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? 'token-error token-hint' : 'token-hint'}
          />
          ${error ? html`<p id="token-error" class="error" part="error">${error}</p>` : nothing}
          <p id="token-hint" class="hint">${this.messages.tokenHint}</p>
        </div>
        <div class="row">
          <label class="check"><input type="checkbox" name="remember" /> ${m.remember}</label>
        </div>
        <button type="submit" part="submit">${submit}</button>
      </form>
    `;
  }

  #submitToken = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('token') as HTMLInputElement;
    const remember = (form.elements.namedItem('remember') as HTMLInputElement).checked;
    const token = input.value.trim();
    const origin = this.#collectorOrigin();
    if (!token || !origin) {
      this.tokenError = TOKEN_MESSAGES[this.locale].tokenRequired;
      this.focusAfterUpdate('#token');
      // Same message twice: re-render anyway so that focus returns to the field.
      this.requestUpdate();
      return;
    }
    input.value = '';
    this.tokenError = undefined;
    if (remember) rememberToken(origin, token);
    this.#setToken(token, origin);
    this.focusAfterUpdate('#status');
  };
}
