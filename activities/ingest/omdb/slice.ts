/**
 * Which candidates one enrichOmdbBatch call works on: [offset, offset+limit) of the list, started
 * at the checkpoint an earlier attempt heartbeated when it lies inside that slice.
 */
export interface Slice {
  start: number;
  end: number;
}

export function planSlice(o: { offset: number; limit: number; total: number; resumeOffset?: number }): Slice {
  for (const [k, v] of [['offset', o.offset], ['limit', o.limit], ['total', o.total]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`Invalid ${k} ${v}`);
  }
  const end = Math.min(o.offset + o.limit, o.total);
  const start = Math.min(o.offset, end);
  const r = o.resumeOffset;
  // A checkpoint outside the slice belongs to another call's input: ignore it.
  if (r !== undefined && Number.isInteger(r) && r > start && r <= end) return { start: r, end };
  return { start, end };
}

/** The offset the workflow continues from: null once the whole list is done. */
export function nextOffsetAfter(o: { index: number; total: number; stopped: boolean }): number | null {
  if (!o.stopped && o.index >= o.total) return null;
  return o.index;
}
