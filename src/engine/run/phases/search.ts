/**
 * Phase 4, search: the exact Pareto fronts over all blocks and the exact best architecture under
 * the budget (milliseconds, even for a 2e17-architecture space). Pure computation on the rankings.
 */
import { architectureCost } from '../../../shared/cost';
import { readRanking } from '../../rank/rank-job';
import { absoluteBudget, architectureOf, blockCandidates, chooseUnderBudget, frontInfo } from '../../search/choose-architecture';
import { readArtifact, writeArtifact, type SavedChoice } from '../run-artifacts';
import type { RunContext } from '../run-context';

export function runSearchPhase(ctx: RunContext): SavedChoice {
  const { runDir, config, events } = ctx;
  const space = readArtifact(runDir, 'space');
  const { cut } = readArtifact(runDir, 'teacher');
  const blocks = space.blocks.map((b) =>
    blockCandidates(
      b.index,
      b.depths.map((d) => {
        const r = readRanking(runDir, b.index, d);
        if (!r) throw new Error(`${runDir}: the ranking of block ${b.index} depth ${d} is missing; resume the run to compute it`);
        return r;
      }),
    ),
  );
  const fixed = { flops: cut.stemCost.flops + cut.headCost.flops, params: cut.stemCost.params + cut.headCost.params };
  const t0 = performance.now();
  const pareto = { flops: frontInfo(blocks, 'flops', fixed), params: frontInfo(blocks, 'params', fixed) };
  const budget = absoluteBudget(config.budget, cut.total);
  const choice = chooseUnderBudget(blocks, budget, fixed);
  const ms = performance.now() - t0;
  const architecture = architectureOf(`${config.name}-student`, space, cut, choice.candidates, ctx.run.manifest.runId);
  const cost = architectureCost(architecture);
  const saved: SavedChoice = { budget, score: choice.selection.score, cost: { params: cost.params, flops: cost.flops }, candidates: choice.candidates, architecture };
  writeArtifact(runDir, 'pareto', pareto);
  writeArtifact(runDir, 'architecture', saved);
  events.emit({ type: 'pareto', key: 'flops', points: pareto.flops });
  events.emit({ type: 'pareto', key: 'params', points: pareto.params });
  events.emit({ type: 'chosen', ...saved });
  events.log('info', `Exact search: fronts of ${pareto.flops.length} (FLOPs) and ${pareto.params.length} (params) points and the best network under the budget in ${ms.toFixed(1)} ms: ${choice.candidates.join(' | ')}`);
  return saved;
}
