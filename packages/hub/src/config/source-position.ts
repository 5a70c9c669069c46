import { type Document, isMap, isNode, isPair, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import { pointerSegments } from "./json-pointer.js";

/** A place in the configuration file, 1-based. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

interface Located {
  /** The node the pointer names, when it exists. */
  readonly node: Node | undefined;
  /** The key of the last map entry on the way (the property the pointer names, if it exists). */
  readonly key: Node | undefined;
  /** The deepest node that exists on the way. */
  readonly deepest: Node;
}

function walk(root: Node, segments: readonly string[]): Located {
  let node: Node = root;
  let key: Node | undefined;
  for (const segment of segments) {
    let next: Node | undefined;
    let nextKey: Node | undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment);
      if (pair && isNode(pair.key)) {
        nextKey = pair.key;
        next = isNode(pair.value) ? pair.value : undefined;
        // `key:` with nothing after it: the key is the only place there is.
        if (!next) return { node: undefined, key: nextKey, deepest: nextKey };
      }
    } else if (isSeq(node) && /^(0|[1-9][0-9]*)$/.test(segment)) {
      const item = node.items[Number(segment)];
      next = isNode(item) ? item : undefined;
      nextKey = undefined;
    }
    if (!next) return { node: undefined, key: undefined, deepest: key && !isScalar(node) ? key : node };
    node = next;
    key = nextKey;
  }
  return { node, key, deepest: node };
}

/**
 * Where a JSON pointer lies in the YAML (or JSON) text: a scalar at its first character; a map
 * or list value at its property name, which is where a reader looks; the key itself when
 * `at` is "key" (an unknown property). A pointer to something absent (a missing required
 * setting) lands on the nearest thing that exists: the object that lacks it.
 */
export function positionOf(
  document: Document,
  lineCounter: LineCounter,
  pointer: string,
  at: "key" | "value" = "value",
): TextPosition | undefined {
  const root = document.contents;
  if (!isNode(root)) return undefined;
  const located = walk(root, pointerSegments(pointer));
  let target: Node = located.deepest;
  if (located.node) {
    if (at === "key" && located.key) target = located.key;
    else if (!isScalar(located.node) && located.key) target = located.key;
    else target = located.node;
  }
  const offset = target.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
