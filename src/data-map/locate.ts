/**
 * Positions of YAML nodes by document path in the merged map. Paths read like `flows[3].to` and
 * `systems[0].retention["user.behavior.browsing_history"]`; list sections of later files continue the
 * numbering of earlier ones, so a path names one entry of the merged map.
 */
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { ParsedFile } from './read.js';
import type { SourceLocation } from './types.js';

export type Segment = string | number;

/** Top-level list sections and the nested lists under `opt_out`: these concatenate across files. */
export const LIST_SECTIONS = ['categories', 'systems', 'vendors', 'flows', 'notices'] as const;
export const OPT_OUT_LISTS = ['mechanisms', 'guards'] as const;

export function formatPath(segments: readonly Segment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Offsets of each file's list entries within the merged lists: `flows` -> 3 means this file's flows[0] is flows[3]. */
export type Offsets = Map<string, number>;

/** Local (per-file) path -> merged path. */
export function mergedSegments(local: readonly Segment[], offsets: Offsets): Segment[] {
  const out = [...local];
  if (typeof out[0] === 'string' && typeof out[1] === 'number' && offsets.has(out[0])) out[1] = out[1] + offsets.get(out[0])!;
  if (out[0] === 'opt_out' && typeof out[1] === 'string' && typeof out[2] === 'number') {
    const key = `opt_out.${out[1]}`;
    if (offsets.has(key)) out[2] = out[2] + offsets.get(key)!;
  }
  return out;
}

export class Locations {
  /** Merged path -> where its value starts. */
  readonly values = new Map<string, SourceLocation>();
  /** Merged path -> where the key of its mapping pair starts. */
  readonly keys = new Map<string, SourceLocation>();

  add(parsed: ParsedFile, offsets: Offsets): void {
    const at = (offset: number): SourceLocation => {
      const pos = parsed.lineCounter.linePos(offset);
      return { file: parsed.file, line: pos.line, column: pos.col };
    };
    const visit = (node: unknown, local: Segment[]): void => {
      if (!node || typeof node !== 'object') return;
      const path = formatPath(mergedSegments(local, offsets));
      const range = (node as Node).range;
      if (range && !this.values.has(path)) this.values.set(path, at(range[0]));
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
          const childPath = formatPath(mergedSegments([...local, key], offsets));
          const keyRange = (pair.key as Node | null)?.range;
          if (keyRange && !this.keys.has(childPath)) this.keys.set(childPath, at(keyRange[0]));
          // An empty value (`deletion:`) has no node: point at the key.
          if (pair.value === null && keyRange && !this.values.has(childPath)) this.values.set(childPath, at(keyRange[0]));
          visit(pair.value, [...local, key]);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, index) => visit(item, [...local, index]));
      }
    };
    visit(parsed.doc.contents, []);
  }

  /** The node at `segments`, else its nearest located ancestor, else the first file's start. */
  of(segments: readonly Segment[], fallback: SourceLocation): SourceLocation {
    for (let n = segments.length; n >= 0; n--) {
      const loc = this.values.get(formatPath(segments.slice(0, n)));
      if (loc) return loc;
    }
    return fallback;
  }

  keyOf(segments: readonly Segment[], fallback: SourceLocation): SourceLocation {
    return this.keys.get(formatPath(segments)) ?? this.of(segments, fallback);
  }

  /** Every value location by path, for `DataMap.locations`. */
  all(): ReadonlyMap<string, SourceLocation> {
    return this.values;
  }
}
