import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { rememberReceipt } from './local-store.js';
import type { DeliveredEventDetail, ErrorEventDetail } from './runtime.js';
import { outboxFor, track } from './runtime.js';

export type SubmissionState =
  | 'idle'
  | 'sending'
  | 'received'
  | 'kept-offline'
  | 'refused'
  | 'could-not-save';

/** Detail of `minyi-submit` and `minyi-queued`. */
export interface SubmitEventDetail {
  readonly id: string;
  readonly response: Readonly<Record<string, unknown>> & { readonly id: string };
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Carries one answer from the element to the outbox and reflects what becomes of it: the events
 * the web team listens to, and the state the status region shows the resident.
 */
export class SubmissionController implements ReactiveController {
  state: SubmissionState = 'idle';
  receipt: string | undefined;
  /** False when answers can only be kept in memory (no IndexedDB in this browser). */
  persistent = true;
  #id: string | undefined;

  readonly #host: Host;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('minyi-delivered', this.#onDelivered);
    this.#host.addEventListener('minyi-error', this.#onError);
  }

  #watched: string | undefined;

  /** Learns early whether answers can be kept on this device, so the form can say so. */
  watch(collector: string): void {
    if (collector === this.#watched) return;
    this.#watched = collector;
    void outboxFor(collector).then((outbox) => {
      if (outbox.persistent === this.persistent) return;
      this.persistent = outbox.persistent;
      this.#host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('minyi-delivered', this.#onDelivered);
    this.#host.removeEventListener('minyi-error', this.#onError);
  }

  /**
   * Queues the answer and starts delivering it; `onQueued` runs as soon as it is stored on this
   * device. Returns false if the page cancelled `minyi-submit`.
   */
  async submit(
    collector: string,
    response: SubmitEventDetail['response'],
    onQueued?: () => void,
  ): Promise<boolean> {
    const detail: SubmitEventDetail = { id: response.id, response };
    if (!this.#emit('minyi-submit', detail, true)) return false;
    this.#id = response.id;
    this.#set('sending');
    const outbox = await outboxFor(collector);
    this.persistent = outbox.persistent;
    track(response.id, this.#host);
    try {
      await outbox.enqueue(response);
    } catch (error) {
      this.#set('could-not-save');
      const quota = error instanceof DOMException && error.name === 'QuotaExceededError';
      this.#emit('minyi-error', {
        id: response.id,
        code: quota ? 'quota-exceeded' : 'storage-failed',
        message: error instanceof Error ? error.message : String(error),
      } satisfies ErrorEventDetail);
      return true;
    }
    this.persistent = outbox.persistent;
    onQueued?.();
    this.#emit('minyi-queued', detail);
    await outbox.flush();
    // Still not answered for: the outbox keeps it and retries; the resident is told so.
    if (this.state === 'sending') this.#set('kept-offline');
    return true;
  }

  readonly #onDelivered = (event: Event) => {
    const { id, receipt } = (event as CustomEvent<DeliveredEventDetail>).detail;
    if (id !== this.#id) return;
    this.receipt = receipt;
    if (receipt) void rememberReceipt(receipt);
    this.#set('received');
  };

  readonly #onError = (event: Event) => {
    const { id, code } = (event as CustomEvent<ErrorEventDetail>).detail;
    if (id === this.#id && (code === 'rejected' || code === 'expired')) this.#set('refused');
  };

  #set(state: SubmissionState): void {
    this.state = state;
    this.#host.requestUpdate();
  }

  #emit(type: string, detail: unknown, cancelable = false): boolean {
    return this.#host.dispatchEvent(
      new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }),
    );
  }
}
