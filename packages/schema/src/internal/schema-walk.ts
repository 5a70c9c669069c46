import { schemaDocuments } from "../schemas.js";

// Minimal view of the JSON Schema keywords the walkers use.
export interface SchemaNode {
  $ref?: string;
  description?: string;
  title?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: unknown[];
  [keyword: string]: unknown;
}

function parentDir(file: string): string {
  const slash = file.lastIndexOf("/");
  return slash < 0 ? "" : file.slice(0, slash + 1);
}

/** Resolves a `$ref` between the shipped documents; returns the target and its file. */
export function resolveRef(fromFile: string, ref: string): { node: SchemaNode; file: string } | undefined {
  const [filePart = "", pointer = ""] = ref.split("#");
  let file = fromFile;
  if (filePart) {
    const joined = `${parentDir(fromFile)}${filePart}`;
    file = joined.replace(/(^|\/)[^/]+\/\.\.\//, "$1");
  }
  let node = schemaDocuments[file] as SchemaNode | undefined;
  for (const part of pointer.split("/").filter(Boolean)) node = node?.[part] as SchemaNode | undefined;
  return node ? { node, file } : undefined;
}

/** Follows `$ref` chains; returns the effective node and where it lives. */
export function deref(file: string, node: SchemaNode): { node: SchemaNode; file: string } {
  let current = { node, file };
  for (let i = 0; i < 10 && typeof current.node.$ref === "string"; i++) {
    const next = resolveRef(current.file, current.node.$ref);
    if (!next) break;
    current = next;
  }
  return current;
}

/**
 * Visits every property reachable from a document, calling `visit` with the JSON-pointer
 * pattern of the property (array indices as `*`), the property node and its effective target.
 */
export function walkProperties(
  file: string,
  visit: (pattern: string, property: SchemaNode, target: SchemaNode) => void,
  prefix = "",
  depth = 0,
): void {
  const root = schemaDocuments[file] as SchemaNode | undefined;
  if (!root || depth > 12) return;
  const walkNode = (nodeFile: string, node: SchemaNode, at: string, level: number): void => {
    if (level > 12) return;
    const { node: target, file: targetFile } = deref(nodeFile, node);
    for (const [name, property] of Object.entries(target.properties ?? {})) {
      const pattern = `${at}/${name}`;
      const effective = deref(targetFile, property);
      visit(pattern, property, effective.node);
      walkNode(targetFile, property, pattern, level + 1);
    }
    if (target.items) walkNode(targetFile, target.items, `${at}/*`, level + 1);
  };
  walkNode(file, root, prefix, depth);
}
