import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { searchConfigJsonSchema, SEARCH_CONFIG_SCHEMA_FILE } from '../../../src/shared/config/json-schema';

const root = join(import.meta.dirname, '../../..');

test('the shipped JSON Schema is the one generated from the zod schema (run `npm run schema` after changing the config)', () => {
  const shipped = JSON.parse(readFileSync(join(root, SEARCH_CONFIG_SCHEMA_FILE), 'utf8'));
  assert.deepEqual(shipped, searchConfigJsonSchema());
});

test('the JSON Schema describes the fields editors complete, with defaults and descriptions', () => {
  const schema = searchConfigJsonSchema() as { $schema: string; properties: Record<string, { properties?: Record<string, { default?: unknown; description?: string }> }>; additionalProperties: boolean };
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(schema.additionalProperties, false, 'unknown top-level fields are flagged');
  assert.deepEqual(schema.properties.distill.properties?.epochs?.default, 3);
  assert.match(schema.properties.teacher.properties?.model?.description ?? '', /model\.json/);
  assert.ok(schema.properties.budget.properties?.flopsFraction);
});
