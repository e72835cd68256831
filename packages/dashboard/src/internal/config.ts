let configured: string | undefined;

/** The collector elements use when they name none: set by the script tag's `data-collector`. */
export function setDefaultCollector(collector: string | undefined): void {
  configured = collector;
}

export function defaultCollector(): string | undefined {
  return configured;
}
