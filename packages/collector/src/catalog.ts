import type { SurveyDefinition } from '@minyi/schema';
import type { Store, SurveyInfo } from './storage.js';
import type { TopicContent, TopicState } from './topics.js';

/**
 * What ingest needs to know about surveys and topics, cached in the process. Stored versions never
 * change, so a version once found is kept; what can change (a retirement, a topic's status) is
 * kept for `ttlMs`, so that several collector processes sharing one database agree within that
 * time, and this process's own admin changes apply at once (`forget`).
 */
export class Catalog {
  readonly #store: Store;
  readonly #ttlMs: number;
  readonly #clock: () => number;
  readonly #versions = new Map<string, Promise<unknown>>();
  readonly #states = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(store: Store, options: { ttlMs?: number; clock?: () => number } = {}) {
    this.#store = store;
    this.#ttlMs = options.ttlMs ?? 1000;
    this.#clock = options.clock ?? Date.now;
  }

  surveyVersion(id: string, version: number): Promise<SurveyDefinition | undefined> {
    return this.#version(`s\u0000${id}\u0000${version}`, async () => {
      return (await this.#store.getSurvey(id, version))?.definition;
    });
  }

  surveyInfo(id: string): Promise<SurveyInfo | undefined> {
    return this.#state(`s\u0000${id}`, () => this.#store.surveyInfo(id));
  }

  topic(id: string): Promise<TopicState | undefined> {
    return this.#state(`t\u0000${id}`, () => this.#store.getTopic(id));
  }

  topicVersion(id: string, version: number): Promise<TopicContent | undefined> {
    return this.#version(`t\u0000${id}\u0000${version}`, () =>
      this.#store.getTopicVersion(id, version),
    );
  }

  /** After this process changed a survey or topic, its next lookups go to the database. */
  forget(id: string): void {
    this.#states.delete(`s\u0000${id}`);
    this.#states.delete(`t\u0000${id}`);
  }

  #version<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const cached = this.#versions.get(key) as Promise<T | undefined> | undefined;
    if (cached) return cached;
    const value = load();
    this.#versions.set(key, value);
    // Only what exists is immutable: a version not there yet may be added any moment.
    value.then(
      (found) => {
        if (found === undefined) this.#versions.delete(key);
      },
      () => this.#versions.delete(key),
    );
    if (this.#versions.size > 1000) this.#versions.delete(this.#versions.keys().next().value!);
    return value;
  }

  #state<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.#clock();
    const cached = this.#states.get(key);
    if (cached && now - cached.at < this.#ttlMs) return cached.value as Promise<T>;
    const value = load();
    this.#states.delete(key);
    this.#states.set(key, { at: now, value });
    value.catch(() => this.#states.delete(key));
    if (this.#states.size > 10_000) this.#states.delete(this.#states.keys().next().value!);
    return value;
  }
}
