import { readFileSync } from "node:fs";
import { SCHEMA_BASE_URI, schemaDocuments } from "@eix/schema";
import { describe, expect, test } from "vitest";
import { generateModelSource, modelFile } from "../../../scripts/gen-types.mjs";

const cjkTerm = /[（(][^()（）]*[\u4e00-\u9fff][^()（）]*[)）]/;

/** Every `properties` entry in a schema document, with its JSON pointer inside the file. */
function properties(node: unknown, at = ""): Array<{ at: string; property: Record<string, unknown> }> {
  if (node === null || typeof node !== "object") return [];
  const found: Array<{ at: string; property: Record<string, unknown> }> = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "properties" && value && typeof value === "object") {
      for (const [name, property] of Object.entries(value))
        found.push({ at: `${at}/properties/${name}`, property: property as Record<string, unknown> });
    }
    found.push(...properties(value, `${at}/${key}`));
  }
  return found;
}

describe("the JSON Schema documents", () => {
  test.each(Object.keys(schemaDocuments))("%s declares draft 2020-12 and its $id", (path) => {
    const doc = schemaDocuments[path] as Record<string, unknown>;
    expect(doc.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(doc.$id).toBe(`${SCHEMA_BASE_URI}${path}`);
  });

  test.each(Object.keys(schemaDocuments))("%s: every property is described in English with the Chinese term", (path) => {
    const missing = properties(schemaDocuments[path])
      .filter(({ at }) => !at.includes("/if/") && !at.includes("/then/"))
      .filter(({ property }) => {
        const description = property.description;
        return typeof description !== "string" || !/[A-Za-z]{3}/.test(description) || !cjkTerm.test(description);
      })
      .map(({ at }) => at);
    expect(missing).toEqual([]);
  });
});

describe("TypeScript types", () => {
  test("the committed types are what the schemas generate (no drift)", async () => {
    const generated = await generateModelSource();
    expect(readFileSync(modelFile, "utf8")).toBe(generated);
  });
});
