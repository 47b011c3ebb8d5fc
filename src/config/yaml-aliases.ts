// Anchors and aliases (`&coach bob` … `*coach`) checked before a programme file is turned into values. The yaml
// package resolves an alias inside its own anchor into a circular value (which then overflows the stack), and throws
// a bare ReferenceError for an alias to no anchor: both are found here first, with their place in the file.
import { type Document, isAlias, isNode, type LineCounter, type Node, visit } from 'yaml';

export type AliasFault = { kind: 'recursive' | 'undefined'; name: string; line: number; column: number };

/** Enough for the aliases a person writes by hand; far below what makes a file expand into millions of values. */
export const MAX_ALIAS_COUNT = 100;

/** The first fault of each line, in the order of the file. */
export function aliasFaults(doc: Document, lineCounter: LineCounter): AliasFault[] {
  // An alias refers to the last anchor of that name before it, in the order `visit` walks (the file's order).
  const anchors = new Map<string, Node>();
  const faults: AliasFault[] = [];
  const lines = new Set<number>();
  visit(doc, {
    Node(_key, node, path) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        const kind = !target ? 'undefined' : path.includes(target) ? 'recursive' : undefined;
        if (!kind) return;
        const { line, col } = lineCounter.linePos(node.range?.[0] ?? 0);
        if (lines.has(line)) return;
        lines.add(line);
        faults.push({ kind, name: node.source, line, column: col });
      } else if (isNode(node) && node.anchor) {
        anchors.set(node.anchor, node);
      }
    },
  });
  return faults;
}
