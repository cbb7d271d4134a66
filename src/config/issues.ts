import type { z } from 'zod';

/** `accounts[0].region` from a zod path. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(root)';
}

const TYPE_NAMES: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

const plural = (count: number | bigint, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * Messages for the issues whose schema sets none, in the words a config author uses (zod's defaults
 * read "Too small: expected number to be >=1"). Never quotes the input: it may be a secret.
 * `suggestions` collects, per unknown key, the closest known key.
 */
function errorMap(suggestions: Map<string, string>): z.core.$ZodErrorMap {
  return (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        if (issue.input === undefined) return 'is required';
        return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
      case 'too_small':
        if (issue.origin === 'array') return `needs at least ${plural(issue.minimum, 'item')}`;
        if (issue.origin === 'string')
          return issue.minimum === 1 ? 'is empty' : `needs at least ${plural(issue.minimum, 'character')}`;
        return `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`;
      case 'too_big':
        if (issue.origin === 'array') return `allows at most ${plural(issue.maximum, 'item')}`;
        return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
      case 'invalid_value':
        return `must be one of: ${issue.values.map(String).join(', ')}`;
      case 'invalid_format':
        return issue.format === 'email' ? 'not an email address' : undefined;
      case 'unrecognized_keys': {
        const def = issue.inst?._zod.def;
        const known = def !== undefined && 'shape' in def ? Object.keys(def.shape as object) : [];
        for (const key of issue.keys) {
          const near = closest(key, known);
          if (near !== undefined && !suggestions.has(key)) suggestions.set(key, near);
        }
        return undefined;
      }
      default:
        return undefined;
    }
  };
}

/** The known key a typo most likely meant: at most 2 edits away (`regoin` → `region`). */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, at(i - 2, j - 2) + 1);
      row[j] = value;
    }
  }
  return at(a.length, b.length);
}

/** Parses with readable messages; on failure, one line per problem naming the key. */
export function safeParseWithProblems<T extends z.ZodType>(
  schema: T,
  raw: unknown,
): { success: true; data: z.output<T> } | { success: false; problems: string[] } {
  const suggestions = new Map<string, string>();
  const parsed = schema.safeParse(raw, { error: errorMap(suggestions) });
  if (parsed.success) return { success: true, data: parsed.data };
  return { success: false, problems: formatIssues(parsed.error, suggestions) };
}

/** One line per problem, naming the key; unknown keys are named themselves. */
function formatIssues(error: z.ZodError, suggestions: ReadonlyMap<string, string> = new Map()): string[] {
  const lines: string[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const near = suggestions.get(key);
        lines.push(
          `${formatPath([...issue.path, key])}: unknown key${near === undefined ? '' : ` (did you mean "${near}"?)`}`,
        );
      }
      continue;
    }
    lines.push(`${formatPath(issue.path)}: ${issue.message}`);
  }
  return lines;
}
