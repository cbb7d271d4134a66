import { CronExpressionParser } from 'cron-parser';

/** True for a 5- or 6-field cron expression the digest scheduler can run. */
export function isValidCron(expression: string): boolean {
  const fields = expression.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) return false;
  try {
    CronExpressionParser.parse(expression, { strict: false });
    return true;
  } catch {
    return false;
  }
}
