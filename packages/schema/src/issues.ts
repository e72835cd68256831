import type * as z from 'zod/mini';

/** A validation problem, located by a JSON path such as `responses[0].answers.overall`. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

export function formatPath(path: readonly PropertyKey[], root = ''): string {
  let out = root;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) {
      out += out ? `.${key}` : key;
    } else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '$';
}

export function toValidationIssues(error: z.core.$ZodError, root = ''): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path, root),
    message: issue.message,
  }));
}

type Result<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/** Validates `data` and reports every problem by path, with `root` prefixed to each path. */
export function check<T>(schema: z.ZodMiniType<T>, data: unknown, root = ''): Result<T> {
  const parsed = schema.safeParse(data);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, issues: toValidationIssues(parsed.error, root) };
}
