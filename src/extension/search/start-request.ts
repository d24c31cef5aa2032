/**
 * Builds the child's `start` request from what the user picked and their settings. Settings are
 * defaults, a config file is specific: the backend/workers settings override the config only when
 * set to something other than auto, and the default budget applies only to configs (and demos)
 * that state no budget of their own.
 */
import { parseJsonWithPositions } from '../../shared/config/locate-issues';
import type { ChildRequest } from '../../shared/protocol';
import type { SearchSettings } from '../settings';

export type ConfigChoice = { kind: 'file'; file: string } | { kind: 'preset'; preset: string };

type StartRequest = Extract<ChildRequest, { type: 'start' }>;

/** Whether the config text names a budget at its top level. */
export function configHasBudget(text: string): boolean {
  const v = parseJsonWithPositions(text).value;
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'budget' in v;
}

export function buildStartRequest(choice: ConfigChoice, runsDir: string, settings: SearchSettings, configText?: string): StartRequest {
  const overrides: StartRequest['overrides'] = {};
  if (settings.backend !== 'auto') overrides.backend = settings.backend;
  if (settings.workers !== 'auto') overrides.workers = settings.workers;
  const hasBudget = choice.kind === 'file' && configText !== undefined && configHasBudget(configText);
  if (!hasBudget && settings.budgetFlopsFraction !== undefined) overrides.budget = { flopsFraction: settings.budgetFlopsFraction };
  return {
    type: 'start',
    config: choice.kind === 'file' ? { file: choice.file } : { preset: choice.preset },
    runsDir,
    overrides,
  };
}
