// The whole engine with a graph-model teacher: the tiny search setup of tiny-search.ts, its teacher
// swapped for the generated graph model (same shapes), runs every phase to a retrained student.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadLayersModelFromFile } from '../../../src/engine/model/fs-model-io';
import { readArtifact } from '../../../src/engine/run/run-artifacts';
import { runSearch } from '../../../src/engine/run/run-search';
import { architectureCost } from '../../../src/shared/cost';
import { makeTinySearch } from './fixtures/tiny-search';
import { writeTinyGraphModel } from './fixtures/tiny-graph-model';

test('a search with a graph-model teacher runs every phase end to end', async () => {
  const tiny = await makeTinySearch();
  const graph = writeTinyGraphModel(join(tiny.dir, 'graph-teacher'));
  writeFileSync(tiny.configFile, JSON.stringify({ ...tiny.config, teacher: { model: graph.file } }, null, 2));
  const outcome = await runSearch({ kind: 'new', source: { file: tiny.configFile }, runsDir: tiny.runsDir });
  assert.equal(outcome.status, 'completed', outcome.error?.message);

  const teacher = readArtifact(outcome.runDir, 'teacher');
  assert.equal(teacher.cut.file, graph.file);
  assert.deepEqual(teacher.cut.boundaries, graph.stageEnds);
  assert.ok(teacher.testAccuracy !== undefined && teacher.testAccuracy >= 0 && teacher.testAccuracy <= 1);
  const choice = readArtifact(outcome.runDir, 'architecture');
  assert.deepEqual(choice.architecture.stem, teacher.cut.stem, 'the student keeps the graph teacher\'s stem');
  assert.deepEqual(choice.architecture.head, teacher.cut.head);
  assert.ok(choice.cost.flops <= 0.9 * teacher.cut.total.flops, 'within the FLOPs budget');
  assert.equal(architectureCost(choice.architecture).params, choice.cost.params);
  const model = await loadLayersModelFromFile(join(outcome.runDir, 'model/model.json'));
  assert.equal(model.countParams(), choice.cost.params, 'the saved student is the chosen architecture');
  const summary = readArtifact(outcome.runDir, 'summary');
  assert.ok(summary.student.testAccuracy >= 0 && summary.student.testAccuracy <= 1);
  model.dispose();
});
