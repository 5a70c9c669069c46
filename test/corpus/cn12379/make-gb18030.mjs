// Regenerates the two GB18030 variants from the real sample (run from this folder with
// `node make-gb18030.mjs`; iconv-lite is a dependency of @eix/adapters).
import { readFileSync, writeFileSync } from "node:fs";
import iconv from "iconv-lite";

const sample = readFileSync(new URL("./henan-cma-11B06-blue-2020.xml", import.meta.url), "utf8");
const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n';
if (!sample.startsWith(declaration)) throw new Error("the sample no longer starts with its UTF-8 declaration");

const declared = sample.replace('encoding="UTF-8"', 'encoding="GB18030"');
writeFileSync(new URL("./henan-11B06-blue-gb18030.xml", import.meta.url), iconv.encode(declared, "gb18030"));

const undeclared = sample.slice(declaration.length);
writeFileSync(new URL("./henan-11B06-blue-gb18030-undeclared.xml", import.meta.url), iconv.encode(undeclared, "gb18030"));
