// Embeds packages/schema/proto/eix.proto in packages/schema/src/generated/eix-proto.ts as a string
// constant: the schema package does no file I/O at run time, so the codec parses this text instead
// of reading the .proto file. `--check` exits 1 when the committed module is stale.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const protoFile = join(root, "packages/schema/proto/eix.proto");
export const protoModuleFile = join(root, "packages/schema/src/generated/eix-proto.ts");

/** A template literal keeps the embedded text readable in diffs; escape what it would interpret. */
function templateLiteral(text) {
  return `\`${text.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${")}\``;
}

/** The TypeScript module for the given .proto text (defaults to the file on disk). */
export function generateProtoModule(protoText = readFileSync(protoFile, "utf8")) {
  return [
    "/* Generated from packages/schema/proto/eix.proto by scripts/gen-proto.mjs — do not edit; run `node scripts/gen-proto.mjs`. */",
    "",
    "/** The text of eix.proto (package eix.v1), the protobuf form of the canonical model. */",
    `export const EIX_PROTO_SOURCE: string = ${templateLiteral(protoText)};`,
    "",
  ].join("\n");
}

/** True when the committed module embeds the current eix.proto. */
export function protoModuleIsCurrent() {
  try {
    return readFileSync(protoModuleFile, "utf8") === generateProtoModule();
  } catch {
    return false;
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  if (process.argv.includes("--check")) {
    if (!protoModuleIsCurrent()) {
      console.error("packages/schema/src/generated/eix-proto.ts is out of date: run `node scripts/gen-proto.mjs`");
      process.exit(1);
    }
  } else {
    mkdirSync(dirname(protoModuleFile), { recursive: true });
    writeFileSync(protoModuleFile, generateProtoModule());
  }
}
