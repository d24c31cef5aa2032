/** One synthetic run shared by the webview unit tests (deterministic; see the generator). */
import { foldEvents } from '../../../src/shared/run-state';
import { syntheticRunEvents } from '../../e2e/harness/synthetic-run-events';

export const run = syntheticRunEvents({ seed: 11 });
export const finalState = foldEvents(run.events);
