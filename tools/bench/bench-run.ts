/** A progress line of a bench: what starts now. */
export function announce(message: string): void {
  console.log(`▶ ${message}`);
}

export function positiveInteger(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive integer`);
  return parsed;
}

/** Undo steps, run last-in first-out once, whether the run finished, failed or was interrupted. */
export class Teardown {
  private readonly steps: { label: string; run: () => Promise<unknown> }[] = [];
  private done?: Promise<void>;

  add(label: string, run: () => Promise<unknown>): void {
    this.steps.push({ label, run });
  }

  runAll(): Promise<void> {
    this.done ??= (async () => {
      for (const step of [...this.steps].reverse()) {
        await step.run().catch((error: unknown) => {
          console.error(
            `teardown: could not ${step.label}: ${error instanceof Error ? error.message : error}`,
          );
        });
      }
    })();
    return this.done;
  }

  /** Ctrl-C or a kill still cleans up: the databases and Redis keys would otherwise stay behind. */
  runOnSignals(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => void this.runAll().finally(() => process.exit(130)));
    }
  }
}
