/**
 * Validates config text against the schema and reports every problem with its position. Shared by
 * the engine (which refuses to run) and the extension (which shows diagnostics).
 */
import { SearchConfigSchema, type SearchConfig } from './search-config';
import { locateIssues, parseJsonWithPositions, type ConfigProblem } from './locate-issues';

export type ConfigValidation = { ok: true; config: SearchConfig } | { ok: false; problems: ConfigProblem[] };

export function validateConfigText(text: string): ConfigValidation {
  const parsed = parseJsonWithPositions(text);
  if (parsed.problems.length) return { ok: false, problems: parsed.problems };
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    return { ok: false, problems: [{ field: '', message: 'a search config must be a JSON object', line: 1, column: 1, offset: 0, length: 1 }] };
  }
  const result = SearchConfigSchema.safeParse(parsed.value);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, problems: locateIssues(text, parsed.tree, result.error.issues) };
}
