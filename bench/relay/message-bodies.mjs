// Incident reports for the relay benchmark: the schema's own 110 fire report, each copy with its
// own message id and incident id (so every message is new and has a lane of its own), its
// description filled to make the body exactly `bytes` long. Built from a split template, so
// making a body costs a string join, not a JSON.stringify.
import { readFileSync } from "node:fs";

const template = JSON.parse(
  readFileSync(new URL("../../packages/schema/examples/valid/incident-110-fire-initial.json", import.meta.url), "utf8"),
);

/** The unit the template is sent by (余杭区应急管理局值班室): the benchmark hub configures it. */
export const SENDER = template.sender;

const FILLER = "现场指挥部持续组织消防、公安、卫健等力量开展搜救、警戒和环境监测，各有关单位按照职责分工做好处置和信息报送工作。";
const ID_MARK = "@@ID@@";
const INCIDENT_MARK = "@@INCIDENT@@";

/** Fixed-width ids, so every body has the same size. */
export const messageId = (seq) => `0193f1a2-7c4e-7b21-9a3d-${seq.toString(16).padStart(12, "0")}`;
const incidentId = (seq) => `330110-20260314-${String(seq).padStart(8, "0")}`;

function documentText(description) {
  const doc = structuredClone(template);
  doc.id = ID_MARK;
  doc.payload.incidentId = INCIDENT_MARK;
  doc.payload.description = description;
  return JSON.stringify(doc);
}

/** `body(seq)`: a valid incident report of exactly `bytes` UTF-8 bytes (at least the template's size without a description). */
export function messageBodies(bytes = 1536) {
  const byteLength = (text) =>
    Buffer.byteLength(text.replace(ID_MARK, messageId(0)).replace(INCIDENT_MARK, incidentId(0)), "utf8");
  const empty = byteLength(documentText(""));
  let budget = bytes - empty;
  if (budget < 1) throw new Error(`a body cannot be smaller than ${empty + 1} bytes`);
  let description = "";
  for (let i = 0; ; i++) {
    const next = description + FILLER[i % FILLER.length];
    if (Buffer.byteLength(next) > budget) break;
    description = next;
  }
  budget -= Buffer.byteLength(description);
  description += ".".repeat(budget); // ASCII to land on the exact size
  const [head, rest] = documentText(description).split(ID_MARK);
  const [middle, tail] = rest.split(INCIDENT_MARK);
  const body = (seq) => Buffer.from(head + messageId(seq) + middle + incidentId(seq) + tail, "utf8");
  if (body(0).byteLength !== bytes) throw new Error(`body is ${body(0).byteLength} bytes, not ${bytes}`);
  return { bytes, body, messageId };
}
