// ajv for what public-security.eido writes: the component schemas of NENA's EIDO OpenAPI file
// (test/corpus/eido/nena-eido-openapi.yaml, read with the `yaml` package borrowed from @eix/hub,
// ajv from @eix/schema). Changes, in memory only: OpenAPI's `#/components/schemas/…` refs are
// resolved inside one wrapper document; the NIEM person/vehicle/organization schemas the file
// refers to (`NIEMComponents/*.yaml`) are not in the corpus and stand in as "anything" — EIX
// never writes them (personal data). NENA's AgentType writes `minItems: 1,` (a stray comma, so
// YAML reads the string "1,"), which ajv refuses: it is read as the number 1.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

type AjvValidate = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
const requireFromSchema = createRequire(new URL("../../schema/package.json", import.meta.url));
const requireFromHub = createRequire(new URL("../../hub/package.json", import.meta.url));
const { default: Ajv } = requireFromSchema("ajv") as {
  default: new (options: object) => { compile(schema: object): AjvValidate };
};
const { default: addFormats } = requireFromSchema("ajv-formats") as { default: (ajv: object) => void };
const { parse } = requireFromHub("yaml") as { parse: (text: string) => unknown };

const openapi = parse(readFileSync(new URL("../../../test/corpus/eido/nena-eido-openapi.yaml", import.meta.url), "utf8")) as {
  components: { schemas: Record<string, unknown> };
};
const schemas = JSON.parse(
  JSON.stringify(openapi.components.schemas)
    .replace(/"\$ref":"NIEMComponents\/[^"]*"/g, '"description":"NIEM stand-in"')
    .replace(/"minItems":"(\d+),"/g, '"minItems":$1'),
) as Record<string, unknown>;

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validateEido = ajv.compile({
  $id: "urn:eix:test:eido",
  components: { schemas },
  $ref: "#/components/schemas/EmergencyIncidentDataObjectType",
});

/** ajv's messages for an EIDO against the OpenAPI components; empty when it validates. */
export function eidoSchemaErrors(eido: unknown): string[] {
  return validateEido(eido) ? [] : (validateEido.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
