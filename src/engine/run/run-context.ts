/** What every phase of a run shares: the folder, the resolved config, the event log, the pool. */
import type { SearchConfig } from '../../shared/config/search-config';
import type { BackendRecord } from '../../shared/events';
import type { JobProcesses } from '../parallel/job-processes';
import type { EventLog } from './event-log';
import type { OpenRun } from './run-folder';

export interface RunContext {
  run: OpenRun;
  runDir: string;
  config: SearchConfig;
  events: EventLog;
  backend: BackendRecord;
  workers: number;
  /** Where job processes come from (the first ones are started ahead of time). */
  processes: JobProcesses;
  /** True once a stop was requested; phases check it between units of work. */
  stopRequested(): boolean;
  /** Lets phases forward a stop to the job processes they run. */
  onStop(listener: () => void): () => void;
}

export class StopRequested extends Error {
  override name = 'StopRequested';
  constructor() {
    super('the search was stopped');
  }
}
