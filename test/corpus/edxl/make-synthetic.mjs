// Writes the synthetic EDXL-DE 2.0 files of this folder from real or canonical sources (run from
// the repository root: `pnpm exec tsx --conditions=@eix/source test/corpus/edxl/make-synthetic.mjs`).
// Each file is what national.edxl encodes, then, for the refused ones, damaged in one known way.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { nationalEdxlAdapter, weatherCn12379Adapter } from "@eix/adapters";

const iconv = createRequire(new URL("../../../packages/adapters/package.json", import.meta.url))("iconv-lite");
const here = (name) => new URL(`./${name}`, import.meta.url);
const example = (name) => JSON.parse(readFileSync(new URL(`../../../packages/schema/examples/valid/${name}`, import.meta.url), "utf8"));
const text = (bytes) => new TextDecoder().decode(bytes);

// An incident report: canonical JSON in otherContent, with its size and SHA-256 digest.
const incident = text(nationalEdxlAdapter.encode(example("incident-110-fire-initial.json")));
writeFileSync(here("eix-synthetic-incident-2.0.xml"), incident);

// The real 12379 gale warning of 河南省气象局 (test/corpus/cn12379/), as CAP 1.2 in EDXL-DE 2.0,
// the whole distribution in GB18030 bytes.
const real = readFileSync(new URL("../cn12379/henan-cma-11B06-blue-2020.xml", import.meta.url));
const decoded = weatherCn12379Adapter.decode(new Uint8Array(real));
if (!decoded.ok) throw new Error(decoded.error.message);
const gale = text(nationalEdxlAdapter.encode(decoded.messages[0]));
writeFileSync(here("eix-synthetic-12379-gale-gb18030-2.0.xml"), iconv.encode(gale.replace('encoding="UTF-8"', 'encoding="GB18030"'), "gb18030"));

// A directive in SAMU-Hub's JSON form.
const directive = nationalEdxlAdapter.encode(example("directive-flood-command-graded.json"), { options: { form: "json" } });
writeFileSync(here("eix-synthetic-directive-2.0.json"), directive);

// Refused: the incident's content altered after the digest was taken (one bit of one byte).
const data = Buffer.from(/<contentData>([^<]*)</.exec(incident)[1], "base64");
data[100] ^= 0x01;
writeFileSync(
  here("eix-synthetic-incident-digest-mismatch-2.0.xml"),
  incident.replace(/<contentData>[^<]*</, `<contentData>${data.toString("base64")}<`),
);

// Refused: the incident marked Classified (涉密), which does not belong on this network.
writeFileSync(
  here("eix-synthetic-incident-classified-2.0.xml"),
  incident.replace("<combinedConfidentiality>Unclassified<", "<combinedConfidentiality>Classified<"),
);
