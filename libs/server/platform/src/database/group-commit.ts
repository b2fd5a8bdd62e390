export interface GroupLimits<TItem> {
  /** Groups running at once; further items wait and go together into the next group. */
  maxInFlight: number;
  maxItems: number;
  /** Bounds the sum of `weigh(item)` per group; a group always takes at least one item. */
  maxWeight?: number;
  weigh?: (item: TItem) => number;
}

/** Runs one group: one outcome per item, in the items' order. Should not reject. */
export type GroupRun<TItem, TResult> = (items: TItem[]) => Promise<PromiseSettledResult<TResult>[]>;

interface Waiting<TItem, TResult> {
  item: TItem;
  resolve: (result: TResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: an item submitted while fewer than `maxInFlight` groups are running starts a
 * group of its own at once; items submitted meanwhile wait and go together into the next one. A
 * quiet process therefore adds no delay, and a busy one pays one round trip and one commit for
 * many items, which is what bounds its throughput. Each item still gets its own outcome.
 */
export class GroupCommit<TItem, TResult> {
  private waiting: Waiting<TItem, TResult>[] = [];
  private inFlight = 0;

  constructor(
    private readonly limits: GroupLimits<TItem>,
    private readonly run: GroupRun<TItem, TResult>,
  ) {}

  submit(item: TItem): Promise<TResult> {
    return new Promise<TResult>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.startWaiting();
    });
  }

  private startWaiting(): void {
    while (this.inFlight < this.limits.maxInFlight && this.waiting.length > 0) {
      void this.runGroup(this.takeGroup());
    }
  }

  /** The longest run of waiting items within the limits, and always at least one. */
  private takeGroup(): Waiting<TItem, TResult>[] {
    const { maxItems, maxWeight = Infinity, weigh } = this.limits;
    let count = 0;
    let weight = 0;
    for (const waiting of this.waiting) {
      weight += weigh?.(waiting.item) ?? 0;
      if (count > 0 && (count === maxItems || weight > maxWeight)) break;
      count += 1;
    }
    return this.waiting.splice(0, count);
  }

  private async runGroup(group: Waiting<TItem, TResult>[]): Promise<void> {
    this.inFlight += 1;
    let outcomes: PromiseSettledResult<TResult>[];
    try {
      outcomes = await this.run(group.map((waiting) => waiting.item));
    } catch (error) {
      outcomes = group.map(() => ({ status: 'rejected', reason: error }));
    }
    this.inFlight -= 1;
    this.startWaiting();
    group.forEach((waiting, index) => {
      const outcome = outcomes[index];
      if (outcome?.status === 'fulfilled') waiting.resolve(outcome.value);
      else
        waiting.reject(outcome ? outcome.reason : new Error(`group run gave no outcome for item ${index}`));
    });
  }
}
