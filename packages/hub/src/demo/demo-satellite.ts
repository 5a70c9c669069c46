// The demo's satellite passes: one forest fire in 漠河市 seen by three passes of a provincial
// hotspot bulletin (卫星林火监测热点通报), written here rather than read from a corpus so the demo
// needs no repository files. The first pass also holds a lone farmland pixel (an observation, no
// fire); the later passes start with new hotspots, so each names the fire after another
// hotspot, and the hub joins them to the fire by place and time as its updates (续报).
import type { Unit } from "@eix/schema";
import type { DemoPost } from "./demo-inputs.js";

/** 黑龙江省林业和草原局's satellite fire monitoring, the unit that posts the bulletins. */
export const SATELLITE_SENDER: Unit = {
  unitId: "230000-LCJ-WXRD",
  name: "黑龙江省林业和草原局卫星林火监测",
  department: "forestry",
  level: "provincial",
  regionCode: "230000",
};

const HEADER = "热点编号,卫星,观测时间,经度,纬度,省,县,像元数,地类,是否连续,核查结果";
// km per degree of latitude on the sphere the clustering uses: rows are placed by km north.
const KM_PER_DEGREE = (6371.0088 * Math.PI) / 180;
const north = (km: number) => (53.1 + km / KM_PER_DEGREE).toFixed(5);

const PASSES: readonly { readonly file: string; readonly rows: readonly string[] }[] = [
  {
    file: "hotspots-2025-05-01-1342-fy3d.csv",
    rows: [
      `HLJ0501-01,FY-3D,2025-05-01 13:42,122.80000,${north(0)},黑龙江省,漠河市,4,林地,否,待核查`,
      `HLJ0501-02,FY-3D,2025-05-01 13:42,122.80600,${north(0.6)},黑龙江省,漠河市,3,林地,否,待核查`,
      // Straw burning far from any fire: a lone unconfirmed farmland pixel stays an observation.
      "HLJ0501-03,FY-3D,2025-05-01 13:42,125.20000,49.50000,黑龙江省,,1,农田,否,",
    ],
  },
  {
    file: "hotspots-2025-05-01-1520-noaa20.csv",
    rows: [
      `HLJ0501-11,NOAA-20,2025-05-01 15:20,122.80300,${north(1.7)},黑龙江省,漠河市,5,林地,是,已核实为林火`,
      `HLJ0501-12,NOAA-20,2025-05-01 15:20,122.80900,${north(2.6)},黑龙江省,漠河市,4,林地,是,已核实为林火`,
    ],
  },
  {
    file: "hotspots-2025-05-01-1805-fy3d.csv",
    rows: [`HLJ0501-21,FY-3D,2025-05-01 18:05,122.81200,${north(3.5)},黑龙江省,漠河市,6,林地,是,林火，正在扑救`],
  },
];

/** The three passes, in the order they were observed, as the monitoring system posts them. */
export function satellitePasses(): DemoPost[] {
  return PASSES.map(({ file, rows }) => ({
    name: `satellite/${file}`,
    bytes: new TextEncoder().encode(`${HEADER}\r\n${rows.join("\r\n")}\r\n`),
    adapter: "forestry.hotspots",
    contentType: "text/csv",
    sender: SATELLITE_SENDER,
  }));
}
