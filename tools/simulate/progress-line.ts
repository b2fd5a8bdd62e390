/** Where the progress goes: process.stdout, or a fake in tests. */
export interface ProgressOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * `storm: 412/600 deliveries, 0 failed`, rewritten in place on a terminal. Elsewhere (CI logs, a
 * pipe) every update would be a line of its own, so only each tenth of the way and the end print.
 */
export class ProgressLine {
  private failed = 0;
  private printedTenth = -1;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly output: ProgressOutput,
  ) {}

  update(settled: number, failed: boolean): void {
    if (failed) this.failed++;
    const line = `${this.label}: ${settled}/${this.total} deliveries, ${this.failed} failed`;
    if (this.output.isTTY) {
      this.output.write(`\r\u001b[2K${line}`);
      return;
    }
    const tenth = Math.floor((settled * 10) / this.total);
    if (tenth === this.printedTenth) return;
    this.printedTenth = tenth;
    this.output.write(`${line}\n`);
  }

  /** Ends the rewritten line so what follows starts on its own. */
  finish(): void {
    if (this.output.isTTY) this.output.write('\n');
  }
}
