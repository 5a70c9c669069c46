import { AdapterError } from "../../errors.js";

/**
 * References that say who last touched a component (attribution), not what it describes. An
 * agency updating its own record refers to itself (the NENA sample does), so these are checked
 * for dangling targets but left out of the cycle check.
 */
const ATTRIBUTION_KEYS = new Set(["updatedByAgencyReference", "updatedByAgentReference", "agencyReference"]);

export interface EidoEdge {
  readonly from: string;
  readonly to: string;
  readonly key: string;
  /** JSON pointer of the reference object. */
  readonly at: string;
}

export interface ComponentGraph {
  /** Every data component by `$id`, nested ones (dispositions, updated CBNs) included. */
  readonly components: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  readonly edges: readonly EidoEdge[];
}

const pointerToken = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Indexes the data components of an EIDO by `$id` and collects every `{ "$ref": … }`. Refuses
 * duplicate ids (`EIX_EIDO_DUPLICATE_ID`), references to no component (`EIX_EIDO_REF_DANGLING`:
 * adapters do no I/O, so nothing is fetched) and cycles among content references
 * (`EIX_EIDO_REF_CYCLE`). Iterative, so a hostile document cannot exhaust the call stack.
 */
export function indexComponents(root: Readonly<Record<string, unknown>>): ComponentGraph {
  const components = new Map<string, Readonly<Record<string, unknown>>>();
  const edges: EidoEdge[] = [];
  const stack: { node: unknown; at: string; owner: string; key: string }[] = [{ node: root, at: "", owner: "", key: "" }];
  while (stack.length > 0) {
    const { node, at, owner: outer, key } = stack.pop() as (typeof stack)[number];
    if (typeof node !== "object" || node === null) continue;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        stack.push({ node: item, at: `${at}/${i}`, owner: outer, key });
      });
      continue;
    }
    const record = node as Record<string, unknown>;
    let owner = outer;
    if (typeof record.$id === "string") {
      if (components.has(record.$id))
        throw new AdapterError("EIX_EIDO_DUPLICATE_ID", { value: record.$id }, { position: { at: `${at}/$id` } });
      components.set(record.$id, record);
      owner = record.$id;
    }
    if ("$ref" in record) {
      if (typeof record.$ref !== "string")
        throw new AdapterError(
          "EIX_ADAPTER_BAD_VALUE",
          { value: `${at}/$ref`, detail: "expected a string" },
          { position: { at: `${at}/$ref` } },
        );
      edges.push({ from: owner, to: record.$ref, key, at });
      continue;
    }
    for (const [child, value] of Object.entries(record))
      if (typeof value === "object" && value !== null)
        stack.push({ node: value, at: `${at}/${pointerToken(child)}`, owner, key: child });
  }
  for (const edge of edges)
    if (!components.has(edge.to))
      throw new AdapterError("EIX_EIDO_REF_DANGLING", { value: edge.to }, { position: { at: edge.at, field: edge.key } });
  checkAcyclic(edges.filter((edge) => !ATTRIBUTION_KEYS.has(edge.key)));
  return { components, edges };
}

/** Depth-first search with colours (white → grey → black); a grey target closes a cycle. */
function checkAcyclic(edges: readonly EidoEdge[]): void {
  const next = new Map<string, EidoEdge[]>();
  for (const edge of edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge]);
  const colour = new Map<string, "grey" | "black">();
  for (const start of next.keys()) {
    if (colour.has(start)) continue;
    const path: { id: string; index: number }[] = [{ id: start, index: 0 }];
    colour.set(start, "grey");
    while (path.length > 0) {
      const top = path[path.length - 1] as { id: string; index: number };
      const edge = next.get(top.id)?.[top.index++];
      if (!edge) {
        colour.set(top.id, "black");
        path.pop();
        continue;
      }
      const seen = colour.get(edge.to);
      if (seen === "grey") {
        const cycle = [...path.slice(path.findIndex((step) => step.id === edge.to)).map((step) => step.id), edge.to];
        throw new AdapterError(
          "EIX_EIDO_REF_CYCLE",
          { detail: cycle.join(" → ") },
          { position: { at: edge.at, field: edge.key } },
        );
      }
      if (seen === undefined) {
        colour.set(edge.to, "grey");
        path.push({ id: edge.to, index: 0 });
      }
    }
  }
}
