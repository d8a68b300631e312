/**
 * Deterministic sharding: a case belongs to shard `hash(id) mod n`. FNV-1a over the id's UTF-16
 * code units is stable across machines and Node versions, and cheap for 100,000 ids.
 */

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parses `k/n` (already checked by the settings table). */
export function parseShard(spec: string): Shard {
  const [k, n] = spec.split('/').map(Number) as [number, number];
  return { index: k, count: n };
}

/** 32-bit FNV-1a hash of a string. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Whether the case with this id runs in the given shard. */
export function inShard(id: string, shard: Shard): boolean {
  return fnv1a(id) % shard.count === shard.index - 1;
}
