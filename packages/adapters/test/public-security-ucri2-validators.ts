// ajv for what public-security.ucri2 reads and writes: the two UCRI2 incident schemas as they are
// in the corpus (test/corpus/eido/ucri2-*.schema.json, JSON Schema 2020-12, so ajv's 2020 build;
// ajv from @eix/schema). No changes to the schemas.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

type AjvValidate = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
const requireFromSchema = createRequire(new URL("../../schema/package.json", import.meta.url));
const { default: Ajv2020 } = requireFromSchema("ajv/dist/2020") as {
  default: new (options: object) => { compile(schema: object): AjvValidate };
};
const { default: addFormats } = requireFromSchema("ajv-formats") as { default: (ajv: object) => void };

const schemaOf = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../../test/corpus/eido/${file}`, import.meta.url), "utf8")) as object;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validators = {
  incident_transfer: ajv.compile(schemaOf("ucri2-incident_transfer-1.0-incident.schema.json")),
  incident_transfer_police: ajv.compile(schemaOf("ucri2-incident_transfer_police-1.0-incident.schema.json")),
};

/** ajv's messages for a UCRI2 incident against one of the two schemas; empty when it validates. */
export function ucri2SchemaErrors(incident: unknown, profile: keyof typeof validators = "incident_transfer"): string[] {
  const validate = validators[profile];
  return validate(incident) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
