/**
 * Typed reads and writes of the run folder's result files (teacher cut, search space, chosen
 * architecture, summary). Each phase writes its file last, atomically, so "the file exists" is
 * the same as "the phase finished" — which is how resume knows what to skip.
 */
import { existsSync } from 'node:fs';
import type { ArchitectureSpec } from '../../shared/architecture';
import type { Cost } from '../../shared/cost';
import type { EventOf, FrontPointInfo } from '../../shared/events';
import { runFile } from '../../shared/run-layout';
import type { SearchSpaceSpec } from '../../shared/search-space';
import { readJsonFile, writeJsonAtomic } from '../io/atomic-write';
import type { TeacherCut } from '../teacher/cut-teacher';

export interface SavedTeacher {
  cut: TeacherCut;
  /** teacher-digest.ts of its files when the run was prepared (absent in older run folders). */
  digest?: string;
  /** Measured once, after ranking (the test split is only used to report results). */
  testAccuracy?: number;
}

export interface SavedChoice {
  budget: { flops?: number; params?: number };
  score: number;
  cost: Cost;
  candidates: string[];
  architecture: ArchitectureSpec;
}

export type Summary = Omit<EventOf<'summary'>, 't' | 'type'>;

type Files = {
  teacher: SavedTeacher;
  space: SearchSpaceSpec;
  pareto: { flops: FrontPointInfo[]; params: FrontPointInfo[] };
  architecture: SavedChoice;
  summary: Summary;
};

export function hasArtifact(runDir: string, name: keyof Files): boolean {
  return existsSync(runFile(runDir, name));
}

export function readArtifact<K extends keyof Files>(runDir: string, name: K): Files[K] {
  return readJsonFile(runFile(runDir, name)) as Files[K];
}

export function writeArtifact<K extends keyof Files>(runDir: string, name: K, value: Files[K]): void {
  writeJsonAtomic(runFile(runDir, name), value);
}
