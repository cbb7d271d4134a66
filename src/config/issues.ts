import type { z } from 'zod';

/** `accounts[0].region` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(root)';
}

/** One line per problem, naming the key; unknown keys are named themselves. */
export function formatIssues(error: z.ZodError): string[] {
  const lines: string[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) lines.push(`${formatPath([...issue.path, key])}: unknown key`);
      continue;
    }
    const message =
      issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
    lines.push(`${formatPath(issue.path)}: ${message}`);
  }
  return lines;
}
