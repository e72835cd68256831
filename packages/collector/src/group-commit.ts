import type { NewResponse, StoreOutcome } from './storage.js';

type Outcomes<T> = T | Promise<T>;

interface Waiting {
  readonly items: readonly NewResponse[];
  readonly resolve: (outcomes: StoreOutcome[]) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: the batches of all requests that arrive in one turn of the event loop are
 * stored in one transaction, in arrival order. Each request is still answered only after the
 * transaction holding its writes has committed, and all of its writes are in that one
 * transaction; under load, one commit (and, for a networked database, one set of round trips)
 * then serves many requests instead of one each. Should a group fail, each of its requests is
 * stored again on its own, so that one request's failure is never another's.
 */
export class GroupCommit {
  readonly #together: (requests: readonly (readonly NewResponse[])[]) => Outcomes<StoreOutcome[][]>;
  readonly #alone: (items: readonly NewResponse[]) => Outcomes<StoreOutcome[]>;
  #waiting: Waiting[] = [];
  #scheduled = false;
  readonly #running = new Set<Promise<void>>();

  constructor(
    together: (requests: readonly (readonly NewResponse[])[]) => Outcomes<StoreOutcome[][]>,
    alone: (items: readonly NewResponse[]) => Outcomes<StoreOutcome[]>,
  ) {
    this.#together = together;
    this.#alone = alone;
  }

  submit(items: readonly NewResponse[]): Promise<StoreOutcome[]> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ items, resolve, reject });
      if (this.#scheduled) return;
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        const group = this.#waiting;
        this.#waiting = [];
        const running = this.#commit(group).finally(() => this.#running.delete(running));
        this.#running.add(running);
      });
    });
  }

  /** Resolves once every request submitted so far has been answered. */
  async drain(): Promise<void> {
    while (this.#scheduled || this.#running.size > 0) {
      if (this.#scheduled) await new Promise((done) => setImmediate(done));
      await Promise.all(this.#running);
    }
  }

  async #commit(group: readonly Waiting[]): Promise<void> {
    try {
      const outcomes = await this.#together(group.map((request) => request.items));
      for (const [index, request] of group.entries()) request.resolve(outcomes[index]!);
    } catch (error) {
      if (group.length === 1) {
        group[0]!.reject(error);
        return;
      }
      for (const request of group) {
        try {
          request.resolve(await this.#alone(request.items));
        } catch (alone) {
          request.reject(alone);
        }
      }
    }
  }
}

/** Outcomes for a flat list of items, cut back into one list per request. */
export function perRequest<T>(
  requests: readonly (readonly unknown[])[],
  outcomes: readonly T[],
): T[][] {
  let start = 0;
  return requests.map((items) => {
    const slice = outcomes.slice(start, start + items.length);
    start += items.length;
    return slice;
  });
}
