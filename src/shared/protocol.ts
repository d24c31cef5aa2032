/**
 * Every message that crosses a boundary: extension host <-> search child process, and extension
 * host <-> webview. Each direction has a zod schema; receivers call `parse*` and drop (and log)
 * anything that does not validate, so a confused peer can never corrupt the other side.
 */
import { z } from 'zod';
import { EngineEventSchema } from './events';

// ---- extension host -> search child -------------------------------------------------------

export const ChildRequestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    /** A config file path, or a built-in preset name. */
    config: z.union([z.object({ file: z.string() }), z.object({ preset: z.string() })]),
    runsDir: z.string(),
    overrides: z
      .object({
        backend: z.enum(['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']).optional(),
        workers: z.union([z.literal('auto'), z.number().int().positive()]).optional(),
        budget: z.object({ flopsFraction: z.number().positive().max(1).optional(), paramsFraction: z.number().positive().max(1).optional() }).optional(),
      })
      .default({}),
  }),
  z.object({ type: z.literal('resume'), runDir: z.string() }),
  /** Finish the current step, checkpoint, and exit. */
  z.object({ type: z.literal('stop') }),
]);
export type ChildRequest = z.infer<typeof ChildRequestSchema>;

// ---- search child -> extension host -------------------------------------------------------

export const ChildMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), pid: z.number().int() }),
  z.object({ type: z.literal('event'), event: EngineEventSchema }),
  /** The run could not start or failed: a user-facing message (what, where, how to fix). */
  z.object({ type: z.literal('fatal'), message: z.string(), runDir: z.string().optional() }),
  z.object({ type: z.literal('done'), status: z.enum(['completed', 'stopped', 'failed']), runDir: z.string().optional() }),
]);
export type ChildMessage = z.infer<typeof ChildMessageSchema>;

// ---- extension host -> webview ------------------------------------------------------------

/** What the panel asks the host to remember per run (selected block, budget slider). */
export const UiStateSchema = z.object({ block: z.number().int().optional(), budgetIndex: z.number().int().optional(), costKey: z.enum(['flops', 'params']).optional() });
export type UiState = z.infer<typeof UiStateSchema>;

export const CodeTargetSchema = z.enum(['tfjs-ts', 'tfjs-js', 'keras', 'pytorch']);
export type CodeTarget = z.infer<typeof CodeTargetSchema>;

export const ToWebviewSchema = z.discriminatedUnion('type', [
  /** Full replay: the panel resets and folds these events. */
  z.object({
    type: z.literal('load'),
    events: z.array(EngineEventSchema),
    running: z.boolean(),
    readOnly: z.boolean(),
    notice: z.string().optional(),
    /** The teacher's source file name, when the config names one (for the diff view). */
    teacherSource: z.string().optional(),
    /** The run folder shown; the webview keeps it in its setState() so a window reload restores this run. */
    runDir: z.string().optional(),
    /** The UI state last reported with 'ui-state' for this run, to restore. */
    uiState: UiStateSchema.optional(),
  }),
  /** New events since the last message (batched by the host). */
  z.object({ type: z.literal('events'), events: z.array(EngineEventSchema) }),
  z.object({ type: z.literal('running'), running: z.boolean() }),
]);
export type ToWebview = z.infer<typeof ToWebviewSchema>;

// ---- webview -> extension host ------------------------------------------------------------

const candidateIds = z.array(z.string().regex(/^b\d+\.d\d+:[\w-]+$/)).min(1).max(64);

export const FromWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('stop') }),
  z.object({ type: z.literal('resume') }),
  /** Open an architecture (one candidate per block, or one block's candidate) as a read-only document. */
  z.object({ type: z.literal('open-candidate'), candidates: candidateIds, target: CodeTargetSchema.optional() }),
  z.object({ type: z.literal('insert-architecture'), candidates: candidateIds, target: CodeTargetSchema.optional() }),
  z.object({ type: z.literal('show-diff'), candidates: candidateIds }),
  /** Persisted UI state (selected block, budget slider) for reloads. */
  z.object({ type: z.literal('ui-state'), state: UiStateSchema }),
]);
export type FromWebview = z.infer<typeof FromWebviewSchema>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function parseWith<T>(schema: z.ZodType<T>, what: string, data: unknown): Parsed<T> {
  const r = schema.safeParse(data);
  if (r.success) return { ok: true, value: r.data };
  const first = r.error.issues[0];
  return { ok: false, error: `invalid ${what}: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unknown shape'}` };
}

export const parseChildRequest = (d: unknown) => parseWith(ChildRequestSchema, 'request to the search process', d);
export const parseChildMessage = (d: unknown) => parseWith(ChildMessageSchema, 'message from the search process', d);
export const parseToWebview = (d: unknown) => parseWith(ToWebviewSchema, 'message to the panel', d);
export const parseFromWebview = (d: unknown) => parseWith(FromWebviewSchema, 'message from the panel', d);
