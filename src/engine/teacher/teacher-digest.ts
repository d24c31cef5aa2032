/**
 * A fingerprint of the teacher's files (model.json and its weight shards). A run records it, and a
 * resume refuses a teacher that changed since: its cached feature maps and trained supernets were
 * made from the old one, and mixing the two would give a result that is neither's.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function teacherDigest(modelJson: string): string {
  const hash = createHash('sha256');
  const text = readFileSync(modelJson);
  hash.update(text);
  // The loader has already checked the manifest; here it only says which files to include.
  const manifest = (JSON.parse(text.toString('utf8')) as { weightsManifest?: { paths?: string[] }[] }).weightsManifest ?? [];
  for (const group of manifest) {
    for (const p of group.paths ?? []) {
      const shard = join(dirname(modelJson), p);
      if (existsSync(shard)) hash.update(readFileSync(shard));
    }
  }
  return `sha256:${hash.digest('hex')}`;
}
