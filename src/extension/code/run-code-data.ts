/**
 * What the code features need from a run folder: its folded state (rankings, Pareto fronts, the
 * chosen architecture, the summary), the teacher's source file its config names, and an
 * architecture that candidates can be swapped into. Read from disk (cached until events.jsonl
 * changes) or, for the window's live search, from its session — so candidates can be opened while
 * a search is still ranking, before it has chosen anything.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import type { ArchitectureSpec, ChosenBlock } from '../../shared/architecture';
import { FixedLayerSchema } from '../../shared/domain-schemas';
import type { TeacherBlockInfo } from '../../shared/events';
import { runFile } from '../../shared/run-layout';
import type { RunState } from '../../shared/run-state';
import { parseOpId } from '../../shared/search-space';
import { readRunFolder } from '../run-folders/run-folder';
import { candidateRows } from '../run-folders/runs-tree-model';

export interface RunCodeData {
  runDir: string;
  name: string;
  state: RunState;
  /** Absolute path of config.json's teacher.sourceFile, when the config names one. */
  sourceFile?: string;
  teacherBlocks: TeacherBlockInfo[];
  /** The architecture candidates are swapped into: the chosen one, else one built from teacher.json and the space. */
  base?: ArchitectureSpec;
  /** Why there is no base yet, in words for the user. */
  baseMissing?: string;
  /** model/model.json exists (Export Model has something to copy). */
  hasModel: boolean;
}

/** teacher.json: only the parts read here (the engine writes more). */
const TeacherFileSchema = z.object({ cut: z.object({ stem: z.array(FixedLayerSchema), head: z.array(FixedLayerSchema) }) });
const ConfigFileSchema = z.object({ teacher: z.object({ sourceFile: z.string().optional() }).optional() });

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A base from the teacher's stem and head and the space's blocks, each block with its best-ranked candidate so far. */
function architectureFromParts(state: RunState, teacherFile: unknown): { base?: ArchitectureSpec; missing?: string } {
  const space = state.space;
  const teacher = TeacherFileSchema.safeParse(teacherFile);
  if (!space || !state.teacher || !teacher.success) return { missing: 'the run has not cut its teacher into blocks yet' };
  const blocks: ChosenBlock[] = space.blocks.map((b) => {
    const best = candidateRows(state, b.index)[0];
    const ops = best ? best.candidate.ops.split('-').map(parseOpId) : new Array(b.depths[0]).fill(space.ops[0]);
    return { index: b.index, name: b.name, inputShape: b.inputShape, outputShape: b.outputShape, stride: b.stride, width: b.width, ops };
  });
  return {
    base: {
      name: `${state.name ?? 'dna'}-student`,
      inputShape: state.teacher.inputShape,
      numClasses: state.teacher.numClasses,
      family: space.family,
      stem: teacher.data.cut.stem,
      blocks,
      head: teacher.data.cut.head,
      provenance: state.runId ? { runId: state.runId } : undefined,
    },
  };
}

export async function loadRunCodeData(runDir: string, liveState?: RunState): Promise<RunCodeData> {
  const [state, name] = liveState ? [liveState, liveState.name] : await readRunFolder(runDir).then((f) => [f.state, f.name] as const);
  const config = ConfigFileSchema.safeParse(await readJson(runFile(runDir, 'config')));
  const sourceFile = config.success ? config.data.teacher?.sourceFile : undefined;
  let base = state.chosen?.architecture;
  let baseMissing: string | undefined;
  if (!base) ({ base, missing: baseMissing } = architectureFromParts(state, await readJson(runFile(runDir, 'teacher'))));
  return {
    runDir,
    name: name ?? state.name ?? runDir.replace(/^.*[\\/]/, ''),
    state,
    sourceFile,
    teacherBlocks: state.teacher?.blocks ?? [],
    base,
    baseMissing,
    hasModel: existsSync(`${runFile(runDir, 'model')}/model.json`),
  };
}

/** Run data by folder, re-read only when the run's event log (or its config) changed. */
export class RunCodeCache {
  private readonly entries = new Map<string, { key: string; data: RunCodeData }>();

  constructor(private readonly liveState: (runDir: string) => RunState | undefined) {}

  async get(runDir: string): Promise<RunCodeData> {
    const live = this.liveState(runDir);
    if (live) return loadRunCodeData(runDir, live);
    const [events, config] = await Promise.all([stat(runFile(runDir, 'events')).catch(() => undefined), stat(runFile(runDir, 'config')).catch(() => undefined)]);
    const key = `${events?.size}:${events?.mtimeMs}:${config?.mtimeMs}:${existsSync(`${runFile(runDir, 'model')}/model.json`)}`;
    const cached = this.entries.get(runDir);
    if (cached?.key === key) return cached.data;
    const data = await loadRunCodeData(runDir);
    this.entries.set(runDir, { key, data });
    return data;
  }
}
