/**
 * Watches in trouble — their last cycle failed or ran past its interval (an API that hangs, a list
 * that never ends) — share at most `capacity()` of the poll slots at once; a troubled watch's poll
 * that finds them taken gives its interval up at once instead of holding a slot while it waits. With
 * the capacity one less than the worker's concurrency, a healthy watch always finds a slot.
 */
export class TroubledLane {
  private readonly troubled = new Set<string>();
  private running = 0;

  constructor(private readonly capacity: () => number) {}

  isTroubled(watchId: string): boolean {
    return this.troubled.has(watchId);
  }

  /** Takes a place in the lane for a troubled watch's cycle; false when the lane is full. */
  enter(): boolean {
    if (this.running >= this.capacity()) return false;
    this.running += 1;
    return true;
  }

  leave(): void {
    this.running = Math.max(0, this.running - 1);
  }

  /** Whether the watch's cycle that just ended puts it in the lane (or lets it out). */
  record(watchId: string, inTrouble: boolean): void {
    if (inTrouble) this.troubled.add(watchId);
    else this.troubled.delete(watchId);
  }
}
