// Validation issues name the offending value by a JSON path such as
// `responses[3].answers.attitude` or `responses_columnar.answers.attitude[3]` (SPEC §1 errors must
// be reportable one by one). Keys that are not plain identifiers are quoted: `answers["a.b"]`.

const IDENTIFIER = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

/** `base` followed by the property `key`. */
export function childPath(base: string, key: string): string {
  const step = IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
  return base === '' ? (step.startsWith('.') ? key : `$${step}`) : `${base}${step}`;
}

/** `base` followed by the array index `index`. */
export function indexPath(base: string, index: number): string {
  return `${base}[${index}]`;
}
