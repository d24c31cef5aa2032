/** A kernel of the wasm training pack was asked for a case it does not implement. */
export class UnsupportedKernelShapeError extends Error {
  constructor(
    readonly op: string,
    readonly detail: string,
    shapes: Record<string, readonly number[]>,
  ) {
    const shapeText = Object.entries(shapes)
      .map(([k, s]) => `${k} [${s.join(', ')}]`)
      .join(', ');
    super(`${op} on the wasm training pack: ${detail} is not supported (${shapeText}). Use the cpu or tensorflow backend for this model, or change the layer.`);
    this.name = 'UnsupportedKernelShapeError';
  }
}
