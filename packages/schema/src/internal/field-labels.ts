import { walkProperties } from "./schema-walk.js";

const chineseTerm = /[（(]([^()（）]*[\u4e00-\u9fff][^()（）]*)[)）][.。]?\s*$/;

function termOf(description: unknown): string | undefined {
  if (typeof description !== "string") return undefined;
  // "报告阶段: 初报/续报/终报" names the field before the colon and its values after it.
  return chineseTerm.exec(description)?.[1]?.split(/[:：]/)[0]?.trim();
}

const payloadFiles = {
  incident: "incident.json",
  warning: "warning.json",
  directive: "directive.json",
  ack: "ack.json",
  checkin: "checkin.json",
} as const;

let labels: Map<string, string> | undefined;

// The Chinese term of every property, taken from the schema descriptions so the messages
// and the public contract never disagree. Keys: "<kind>|<pattern>" and "*|<pattern>".
function build(): Map<string, string> {
  const map = new Map<string, string>();
  const add = (key: string) => (pattern: string, property: { description?: string }, target: { description?: string }) => {
    const term = termOf(property.description) ?? termOf(target.description);
    if (term) map.set(`${key}|${pattern}`, term);
  };
  walkProperties("envelope.json", add("*"));
  for (const [kind, file] of Object.entries(payloadFiles)) walkProperties(file, add(kind), "/payload");
  return map;
}

/** The Chinese term for the property at a JSON pointer, e.g. /payload/occurredAt → 事发时间. */
export function fieldLabel(kind: unknown, pointer: string): string | undefined {
  labels ??= build();
  const pattern = pointer.replace(/\/\d+(?=\/|$)/g, "/*");
  return labels.get(`${String(kind)}|${pattern}`) ?? labels.get(`*|${pattern}`);
}
