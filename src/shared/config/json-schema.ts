/**
 * The JSON Schema of search config files, generated from the zod schema (the single source of
 * truth) and shipped as schemas/search-config.schema.json for editors (`contributes.jsonValidation`).
 * Draft-07, which VS Code's JSON language service supports fully. `io: 'input'` describes what a
 * user WRITES: fields with defaults are optional.
 */
import { z } from 'zod';
import { SearchConfigSchema } from './search-config';

export const SEARCH_CONFIG_SCHEMA_FILE = 'schemas/search-config.schema.json';

export function searchConfigJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(SearchConfigSchema, { io: 'input', target: 'draft-7', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: 'DNA Search config', description: 'One block-wise distillation architecture search: data, teacher, search space, training, budget and compute.' };
}
