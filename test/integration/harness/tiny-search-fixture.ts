// The engine's tiny real search setup (test/unit/engine/fixtures/tiny-search.ts: 8x8 IDX data, a
// small real MobileNetV2 teacher, a config that runs every phase in seconds on `cpu`), written into
// the test workspace so the integration suites can run real searches through the extension's
// commands without the built-in teacher. Made here, in the harness process, because building the
// teacher needs TensorFlow.js, which must never be loaded into the extension host under test.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TINY_DIR = 'tiny-search';
/** Runs to completion in seconds. */
export const TINY_CONFIG = 'tiny.dna.json';
/** The same search with long distillation, so a test can kill it mid-run. */
export const TINY_SLOW_CONFIG = 'tiny-slow.dna.json';

export async function writeTinySearchFixture(workspace: string): Promise<void> {
  const target = join(workspace, TINY_DIR);
  mkdirSync(target, { recursive: true });
  try {
    const { makeTinySearch } = await import('../../unit/engine/fixtures/tiny-search');
    const tiny = await makeTinySearch();
    cpSync(tiny.dir, target, { recursive: true });
    rmSync(tiny.dir, { recursive: true, force: true });
    writeFileSync(join(target, TINY_SLOW_CONFIG), JSON.stringify({ ...tiny.config, name: 'tiny-slow', distill: { ...tiny.config.distill, epochs: 40 } }, null, 2));
  } catch (err) {
    // The suites that need it skip and print this.
    writeFileSync(join(target, 'UNAVAILABLE.txt'), `the tiny search fixture could not be made: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}
