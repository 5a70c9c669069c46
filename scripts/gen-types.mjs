// Generates packages/schema/src/generated/model.ts from the JSON Schema files, which are the
// source of truth. `--check` exits 1 when the committed file differs (used by the drift test).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const schemaDir = join(root, "packages/schema/schemas");
export const modelFile = join(root, "packages/schema/src/generated/model.ts");

function loadAll() {
  const files = new Map();
  for (const name of readdirSync(schemaDir))
    if (name.endsWith(".json")) files.set(name, JSON.parse(readFileSync(join(schemaDir, name), "utf8")));
  for (const name of readdirSync(join(schemaDir, "defs")))
    files.set(`defs/${name}`, JSON.parse(readFileSync(join(schemaDir, "defs", name), "utf8")));
  return files;
}

function resolve(files, fromFile, ref) {
  const [file, pointer = ""] = ref.split("#");
  const base = dirname(fromFile) === "." ? "" : `${dirname(fromFile)}/`;
  const target = file ? (file.startsWith("../") ? file.slice(3) : `${base}${file}`) : fromFile;
  let node = files.get(target);
  for (const part of pointer.split("/").filter(Boolean)) node = node?.[part];
  return node;
}

// A `$ref` beside a `description` makes the generator emit a numbered copy (DateTime7…) of
// the referenced type; for titled targets the target's own name and docs are the better type.
function simplify(files, fromFile, node) {
  if (Array.isArray(node)) {
    for (const n of node) simplify(files, fromFile, n);
    return;
  }
  if (!node || typeof node !== "object") return;
  if (typeof node.$ref === "string" && Object.keys(node).length > 1) {
    const target = resolve(files, fromFile, node.$ref);
    if (target?.title) for (const key of Object.keys(node)) if (key !== "$ref") delete node[key];
  }
  for (const value of Object.values(node)) simplify(files, fromFile, value);
}

export async function generateModelSource() {
  const files = loadAll();
  for (const [name, schema] of files) simplify(files, name, schema);
  // The envelope's payload is chosen by `kind` (if/then); src/model.ts composes that union
  // by hand from the generated parts, so the generator sees only the common fields.
  const envelope = files.get("envelope.json");
  envelope.title = "EnvelopeCommon";
  // Conditional requirements (if/then) only tighten `required`; the generator would turn
  // them into index signatures, so the TypeScript types show the unconditional shape.
  for (const schema of files.values()) {
    if (Array.isArray(schema.allOf) && schema.allOf.every((part) => part.if && part.then)) delete schema.allOf;
  }
  const dir = mkdtempSync(join(tmpdir(), "eix-gen-"));
  try {
    mkdirSync(join(dir, "defs"));
    for (const [name, schema] of files) writeFileSync(join(dir, name), JSON.stringify(schema));
    const rootSchema = {
      title: "EixModel",
      type: "object",
      additionalProperties: false,
      properties: Object.fromEntries(
        ["envelope", "incident", "warning", "directive", "ack", "checkin"].map((n) => [n, { $ref: `${n}.json` }]),
      ),
    };
    return await compile(rootSchema, "EixModel", {
      cwd: dir,
      bannerComment: "/* Generated from packages/schema/schemas by scripts/gen-types.mjs — do not edit; run `pnpm gen`. */",
      additionalProperties: false,
      ignoreMinAndMaxItems: true,
      strictIndexSignatures: true,
      unreachableDefinitions: false,
      style: { printWidth: 110 },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const src = await generateModelSource();
  if (process.argv.includes("--check")) {
    if (readFileSync(modelFile, "utf8") !== src) {
      console.error("packages/schema/src/generated/model.ts is out of date: run `pnpm gen`");
      process.exit(1);
    }
  } else {
    mkdirSync(dirname(modelFile), { recursive: true });
    writeFileSync(modelFile, src);
  }
}
