/**
 * Turns what the user asked for — a config file, a built-in preset, or an object — into the
 * resolved config a run executes: validated, defaults filled, every path made absolute (relative
 * paths are relative to the config file's folder), overrides applied. The resolved config is
 * saved in the run folder, so a resumed run never depends on the original file again.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { formatProblems, type ConfigProblem } from '../../shared/config/locate-issues';
import { PRESETS, PRESET_NAMES, type PresetName } from '../../shared/config/presets';
import { SearchConfigSchema, type SearchConfig, type SearchConfigInput } from '../../shared/config/search-config';
import { validateConfigText } from '../../shared/config/validate-config';

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(`invalid search config:\n${formatProblems(file, problems)}`);
  }
}

export type ConfigSource = { file: string } | { preset: string } | { inline: SearchConfigInput; baseDir: string };

export interface ConfigOverrides {
  backend?: SearchConfig['compute']['backend'];
  workers?: SearchConfig['compute']['workers'];
  budget?: SearchConfig['budget'];
}

export interface LoadedConfig {
  config: SearchConfig;
  /** For the run manifest: the absolute config path, or `preset:<name>`. */
  source: string;
}

function resolvePaths(config: SearchConfig, baseDir: string): SearchConfig {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  const out = structuredClone(config);
  const ds = out.data.dataset;
  if (ds.kind === 'idx') {
    ds.trainImages = abs(ds.trainImages);
    ds.trainLabels = abs(ds.trainLabels);
    ds.testImages = abs(ds.testImages);
    ds.testLabels = abs(ds.testLabels);
  } else if (ds.kind === 'image-folder') {
    ds.train = abs(ds.train);
    ds.test = abs(ds.test);
  }
  if (!out.teacher.model.startsWith('builtin:')) out.teacher.model = abs(out.teacher.model);
  if (out.teacher.sourceFile) out.teacher.sourceFile = abs(out.teacher.sourceFile);
  return out;
}

function applyOverrides(config: SearchConfig, o: ConfigOverrides): SearchConfig {
  return {
    ...config,
    compute: { backend: o.backend ?? config.compute.backend, workers: o.workers ?? config.compute.workers },
    budget: o.budget ?? config.budget,
  };
}

export function loadConfig(source: ConfigSource, overrides: ConfigOverrides = {}): LoadedConfig {
  if ('file' in source) {
    const file = resolve(source.file);
    if (!existsSync(file)) throw new ConfigError(file, [{ field: '', message: 'config file not found', line: 1, column: 1, offset: 0, length: 1 }]);
    const r = validateConfigText(readFileSync(file, 'utf8'));
    if (!r.ok) throw new ConfigError(file, r.problems);
    return { config: applyOverrides(resolvePaths(r.config, dirname(file)), overrides), source: file };
  }
  if ('preset' in source) {
    if (!(PRESET_NAMES as string[]).includes(source.preset)) {
      throw new ConfigError(`preset:${source.preset}`, [{ field: '', message: `unknown preset "${source.preset}"; built-in presets: ${PRESET_NAMES.join(', ')}`, line: 1, column: 1, offset: 0, length: 1 }]);
    }
    const config = SearchConfigSchema.parse(PRESETS[source.preset as PresetName]);
    return { config: applyOverrides(resolvePaths(config, process.cwd()), overrides), source: `preset:${source.preset}` };
  }
  const r = SearchConfigSchema.safeParse(source.inline);
  if (!r.success) {
    const problems = r.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message, line: 1, column: 1, offset: 0, length: 1 }));
    throw new ConfigError('(inline config)', problems);
  }
  return { config: applyOverrides(resolvePaths(r.data, source.baseDir), overrides), source: 'inline' };
}

/** Learning rate of one block: one number for all, or one per block (the last repeats). */
export function blockLearningRate(config: SearchConfig, block: number): number {
  const lr = config.distill.learningRate;
  return Array.isArray(lr) ? lr[Math.min(block, lr.length - 1)] : lr;
}
