/**
 * Finds and loads the teacher a config names: the committed built-in demo teacher, or the user's
 * TF.js model (model.json + weight shards) through the filesystem IO handler: a LayersModel, or a
 * graph model (format "graph-model", e.g. tensorflowjs_converter output).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../data/embedded-data';
import { loadLayersModelFromFile, ModelFileError } from '../model/fs-model-io';
import { BUILTIN_TEACHER_DIR, BUILTIN_TEACHER_ID } from './builtin/mobilenetv2-teacher';
import { isGraphModelFile, loadGraphTeacher } from './graph-teacher';
import { layersTeacher } from './layers-teacher';
import type { TeacherModel } from './teacher-model';

/** The model.json a `teacher.model` value points at. */
export function teacherModelPath(model: string): string {
  if (model === BUILTIN_TEACHER_ID) return join(findPackageRoot(), BUILTIN_TEACHER_DIR, 'model.json');
  if (model.startsWith('builtin:')) throw new ModelFileError(model, `unknown built-in teacher; the built-in teacher is "${BUILTIN_TEACHER_ID}"`);
  return model;
}

/** The teacher a config names, loaded and cut into blocks (by `cuts` when given). */
export async function loadTeacher(model: string, cuts?: string[]): Promise<TeacherModel> {
  const file = teacherModelPath(model);
  if (model === BUILTIN_TEACHER_ID && !existsSync(file)) {
    throw new ModelFileError(file, 'the built-in teacher is missing from this installation; regenerate it with `npm run train-teacher`');
  }
  if (isGraphModelFile(file)) return loadGraphTeacher(file, cuts);
  return layersTeacher(await loadLayersModelFromFile(file), file, cuts);
}
