import { DashwatchError } from '../../core/errors.js';

/** The list said it has more jobs than a cycle may read, or paging would not end: not retryable. */
export class PageLimitError extends DashwatchError {
  override readonly name = 'PageLimitError';

  constructor(message: string) {
    super(message, { code: 'PageLimit', retryable: false });
  }
}

/**
 * The pages one cycle may read (`polling.maxPagesPerCycle`). A list claiming more jobs than fit fails
 * the cycle at its first page, with a reason, instead of being read for hours; a cycle that reads
 * past the cap (a list that never ends) fails when it reaches it.
 */
export class PageBudget {
  private spent = 0;

  constructor(
    readonly max: number,
    private readonly pageSize: number,
  ) {}

  /** Counts one page of a list that reported `total` jobs; throws `PageLimitError` past the budget. */
  spend(total: number): void {
    const needed = Math.ceil(total / this.pageSize);
    if (needed > this.max) {
      throw new PageLimitError(
        `the list reports ${total.toLocaleString('en-US')} jobs, more than the ${this.max} pages of ${this.pageSize} a cycle reads (polling.maxPagesPerCycle)`,
      );
    }
    this.spent += 1;
    if (this.spent > this.max) {
      throw new PageLimitError(
        `read ${this.max} pages in one cycle without reaching the end of the list (polling.maxPagesPerCycle)`,
      );
    }
  }

  get pagesRead(): number {
    return this.spent;
  }
}
