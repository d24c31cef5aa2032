/**
 * Downsampling a loss curve for drawing. A canvas a few hundred pixels wide cannot show 10k
 * points; Largest-Triangle-Three-Buckets keeps the points that shape the line (spikes, knees),
 * unlike striding, which drops them. The first and last points are always kept.
 */

export interface XY {
  x: number[];
  y: number[];
}

/** Reduces `n` points read through the accessors to at most `threshold` (>= 3) points. */
export function lttb(n: number, xAt: (i: number) => number, yAt: (i: number) => number, threshold: number): XY {
  if (threshold >= n || threshold < 3) {
    const x = new Array<number>(n);
    const y = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      x[i] = xAt(i);
      y[i] = yAt(i);
    }
    return { x, y };
  }
  const x: number[] = [xAt(0)];
  const y: number[] = [yAt(0)];
  // Buckets cover the points strictly between the first and the last.
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let bucket = 0; bucket < threshold - 2; bucket++) {
    // Average of the next bucket: the third corner of the triangle.
    const nextStart = Math.floor((bucket + 1) * every) + 1;
    const nextEnd = Math.min(n, Math.floor((bucket + 2) * every) + 1);
    let avgX = 0;
    let avgY = 0;
    for (let i = nextStart; i < nextEnd; i++) {
      avgX += xAt(i);
      avgY += yAt(i);
    }
    const count = Math.max(1, nextEnd - nextStart);
    avgX /= count;
    avgY /= count;
    const start = Math.floor(bucket * every) + 1;
    const end = Math.floor((bucket + 1) * every) + 1;
    const ax = xAt(a);
    const ay = yAt(a);
    let maxArea = -1;
    let pick = start;
    for (let i = start; i < end; i++) {
      const area = Math.abs((ax - avgX) * (yAt(i) - ay) - (ax - xAt(i)) * (avgY - ay));
      if (area > maxArea) {
        maxArea = area;
        pick = i;
      }
    }
    x.push(xAt(pick));
    y.push(yAt(pick));
    a = pick;
  }
  x.push(xAt(n - 1));
  y.push(yAt(n - 1));
  return { x, y };
}

/** Loss points as the run-state reducer keeps them. */
export function downsampleLoss(points: readonly { x: number; loss: number }[], threshold: number): XY {
  return lttb(points.length, (i) => points[i].x, (i) => points[i].loss, threshold);
}
