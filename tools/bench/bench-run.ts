import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A progress line of a bench: what starts now. */
export function announce(message: string): void {
  console.log(`▶ ${message}`);
}

export function positiveInteger(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive integer`);
  return parsed;
}

/** `--target`: the base URL of an api that is already running, without a trailing slash. */
export function targetOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!URL.canParse(value)) throw new Error('--target must be a URL such as http://127.0.0.1:3000');
  return value.replace(/\/+$/, '');
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

export interface BenchDefinition<Options, Run> {
  /** Names the temp folder of the servers' logs. */
  name: string;
  usage: string;
  /** Undefined for --help. */
  parseOptions(): Options | undefined;
  measure(options: Options, logDirectory: string, teardown: Teardown): Promise<Run>;
  summaryLines(run: Run): string[];
  writeReport(run: Run): Promise<void>;
}

/**
 * The life of a bench run: measure, print, write docs/PERFORMANCE.md, and clean up whatever
 * happens. The servers' logs are kept (and their folder named) only when the run fails.
 */
export function runBench<Options, Run>(bench: BenchDefinition<Options, Run>): void {
  const main = async (): Promise<void> => {
    const options = bench.parseOptions();
    if (!options) {
      console.log(bench.usage);
      return;
    }
    const teardown = new Teardown();
    teardown.runOnSignals();
    const logDirectory = mkdtempSync(join(tmpdir(), `bench-${bench.name}-`));
    try {
      const run = await bench.measure(options, logDirectory, teardown);
      console.log(['', ...bench.summaryLines(run), ''].join('\n'));
      await bench.writeReport(run);
      console.log('Wrote the results to docs/PERFORMANCE.md');
      rmSync(logDirectory, { recursive: true, force: true });
    } catch (error) {
      // Only servers the bench started write logs there.
      if (readdirSync(logDirectory).length > 0)
        console.error(`The servers' logs are kept in ${logDirectory}`);
      else rmSync(logDirectory, { recursive: true, force: true });
      throw error;
    } finally {
      await teardown.runAll();
    }
  };
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
