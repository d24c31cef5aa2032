/** A SupervisorLog that keeps every line, for asserting what the user would read in the log. */
import type { SupervisorLog } from '../../../src/extension/search/child-supervisor';

export class LogRecorder implements SupervisorLog {
  readonly lines: string[] = [];
  info(m: string): void {
    this.lines.push(`info ${m}`);
  }
  warn(m: string): void {
    this.lines.push(`warn ${m}`);
  }
  error(m: string): void {
    this.lines.push(`error ${m}`);
  }
  has(re: RegExp): boolean {
    return this.lines.some((l) => re.test(l));
  }
}
