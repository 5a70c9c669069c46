// Rebuilds packages/schema/data/ from the shared corpus (run from a checkout that has
// ../shared beside it): `node scripts/build-tables.mjs ../shared/corpus/gb`.
// The output files are committed, so users never need the corpus.
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const gb = process.argv[2] ?? "../shared/corpus/gb";
const out = "packages/schema/data";

function rows(file) {
  const [, ...lines] = readFileSync(join(gb, file), "utf8").trim().split(/\r?\n/);
  return lines.map((line) => line.split(",").map((cell) => cell.replace(/^"|"$/g, "")));
}

const regions = {};
for (const [code, name] of rows("modood-provinces.csv")) regions[`${code}0000`] = name;
for (const [code, name] of rows("modood-cities.csv")) regions[`${code}00`] = name;
for (const [code, name] of rows("modood-areas.csv")) regions[code] ??= name;
// GB/T 2260 assigns these province-level codes; the modood files list their districts by
// name only, so only the three province-level entries are added.
regions["710000"] = "台湾省";
regions["810000"] = "香港特别行政区";
regions["820000"] = "澳门特别行政区";

const sorted = Object.fromEntries(Object.entries(regions).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(
  join(out, "regions-gbt2260.json"),
  `${JSON.stringify(
    {
      title: "GB/T 2260 administrative division codes (行政区划代码), province, city and county levels",
      source:
        "modood/Administrative-divisions-of-China dist/{provinces,cities,areas}.csv, right-padded to 6 digits; 710000/810000/820000 added from GB/T 2260",
      asOf: "2021 or later",
      asOfNote: "The source files state no edition; the table contains 330113 临平区, established in 2021.",
      regions: sorted,
    },
    null,
    1,
  )}\n`,
);
copyFileSync(join(gb, "event-types-gbt35561.json"), join(out, "event-types-gbt35561.json"));
console.log(`regions: ${Object.keys(sorted).length}`);
