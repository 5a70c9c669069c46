// Real valid examples from @eix/schema, loaded fresh for each test so a case can adjust fields.
import { readdirSync, readFileSync } from "node:fs";
import { type Envelope, validate } from "@eix/schema";
import type { HubUnit } from "../../src/route/route-model.js";

const validDir = new URL("../../../schema/examples/valid/", import.meta.url);

/** Names of the valid examples (without `.json`), excluding the `.expected.json` side files. */
export const exampleNames: readonly string[] = readdirSync(validDir)
  .filter((file) => file.endsWith(".json") && !file.endsWith(".expected.json"))
  .map((file) => file.slice(0, -".json".length))
  .sort();

/** A deep copy of the example; it must still be valid as shipped, or the fixture is not real. */
export function example(name: string): Envelope {
  const doc: unknown = JSON.parse(readFileSync(new URL(`${name}.json`, validDir), "utf8"));
  const result = validate(doc);
  if (!result.valid) throw new Error(`example ${name} is not valid: ${result.issues.map((i) => i.code).join(", ")}`);
  return doc as Envelope;
}

/** The configured unit that matches the envelope's sender exactly, with overrides. */
export function unitOf(envelope: Envelope, overrides: Partial<HubUnit> = {}): HubUnit {
  const { unitId, name, department, level, regionCode } = envelope.sender;
  return { unitId, name, department, level, regionCode, tokenSha256: ["0".repeat(64)], ...overrides };
}

/** Sets the sender's fields, as a unit pretending to be another would. */
export function withSender(envelope: Envelope, sender: Partial<Envelope["sender"]>): Envelope {
  return { ...envelope, sender: { ...envelope.sender, ...sender } };
}
