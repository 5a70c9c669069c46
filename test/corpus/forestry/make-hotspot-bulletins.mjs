// Writes the synthetic Chinese hotspot bulletins (卫星林火监测热点通报) of this folder. The layout
// follows the bulletins the national and provincial monitoring centres issue (热点编号, 卫星,
// 观测时间 in Beijing time, 经度/纬度, 省/市/县 by name or code, 像元数, 地类, 是否连续, 核查结果);
// every hotspot, number and verification result is invented. Region codes and names are real
// GB/T 2260 entries (十八站 deliberately is not one: it is a township). The GB18030 file is
// written with iconv-lite. Run: node test/corpus/forestry/make-hotspot-bulletins.mjs
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(new URL("../../../packages/adapters/package.json", import.meta.url));
const iconv = require("iconv-lite");
const here = (name) => new URL(name, import.meta.url);
const csvCell = (v) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
const csv = (columns, rows, eol = "\n") =>
  [columns, ...rows.map((r) => columns.map((c) => r[c] ?? ""))].map((row) => row.map(csvCell).join(",")).join(eol) + eol;
const BASE = ["热点编号", "卫星", "观测时间", "经度", "纬度", "省", "县", "像元数", "地类", "是否连续", "核查结果"];

// 大兴安岭 and 呼伦贝尔, 1 May: a forest fire of three hotspots over two passes in 漠河市 (codes),
// a grassland fire in 根河 named without its 市, farmland beside it (an observation), straw
// burning verified on the ground (dropped), a forest hotspot whose county is left blank (DMS
// coordinates, a Chinese date: its county comes from the nearest seat), and a hotspot on other
// land seen on consecutive passes whose 县 names a place that is no county (十八站, a township).
const daxinganling = [
  { 热点编号: "2025050101", 卫星: "FY-3D", 观测时间: "2025-05-01 13:42", 经度: "122.8012", 纬度: "53.1020", 省: "230000", 县: "232701", 像元数: "4", 地类: "林地", 是否连续: "否", 核查结果: "待核查" },
  { 热点编号: "2025050102", 卫星: "FY-3D", 观测时间: "2025-05-01 13:42", 经度: "122.8140", 纬度: "53.1061", 省: "230000", 县: "232701", 像元数: "2", 地类: "林地", 是否连续: "否", 核查结果: "" },
  { 热点编号: "2025050103", 卫星: "NOAA-20", 观测时间: "2025-05-01 15:20", 经度: "122.8075", 纬度: "53.1102", 省: "230000", 县: "232701", 像元数: "3", 地类: "林地", 是否连续: "是", 核查结果: "已核实为林火" },
  { 热点编号: "2025050104", 卫星: "FY-3D", 观测时间: "2025-05-01 13:42", 经度: "121.4821", 纬度: "50.7752", 省: "内蒙古", 县: "根河", 像元数: "5", 地类: "草地", 是否连续: "否", 核查结果: "" },
  { 热点编号: "2025050105", 卫星: "FY-3D", 观测时间: "2025-05-01 13:42", 经度: "121.4950", 纬度: "50.7790", 省: "内蒙古", 县: "根河市", 像元数: "1", 地类: "农田", 是否连续: "否", 核查结果: "" },
  { 热点编号: "2025050106", 卫星: "FY-3D", 观测时间: "2025-05-01 13:42", 经度: "125.9400", 纬度: "49.9100", 省: "黑龙江省", 县: "", 像元数: "2", 地类: "农田", 是否连续: "否", 核查结果: "农事用火（秸秆焚烧）" },
  { 热点编号: "2025050107", 卫星: "NOAA-20", 观测时间: "2025年5月1日15时20分", 经度: "126°25′12″E", 纬度: "51°50′24″N", 省: "黑龙江省", 县: "", 像元数: "1", 地类: "有林地", 是否连续: "否", 核查结果: "" },
  { 热点编号: "2025050108", 卫星: "FY-3D", 观测时间: "2025-05-01 13:42", 经度: "125.2500", 纬度: "52.4000", 省: "黑龙江省", 县: "十八站", 像元数: "2", 地类: "其他", 是否连续: "是", 核查结果: "" },
];
writeFileSync(here("hotspot-bulletin-daxinganling.csv"), csv(BASE, daxinganling));

// 云南, 30 March, GB18030 with CRLF and 市 and 备注 columns: a forest fire in 安宁市 seen by FY-4B
// every quarter hour (continuous), one in 大理市 by names only, and an industrial heat source
// the ground dismissed.
const yunnan = [
  { 热点编号: "YN20250330-01", 卫星: "FY-4B", 观测时间: "2025-03-30 14:05", 经度: "102.4105", 纬度: "24.9210", 省: "云南省", 市: "昆明市", 县: "安宁市", 像元数: "6", 地类: "林地", 是否连续: "是", 核查结果: "林火，正在扑救", 备注: "" },
  { 热点编号: "YN20250330-02", 卫星: "FY-4B", 观测时间: "2025-03-30 14:20", 经度: "102.4188", 纬度: "24.9262", 省: "云南省", 市: "昆明市", 县: "安宁市", 像元数: "7", 地类: "林地", 是否连续: "是", 核查结果: "林火，正在扑救", 备注: "火线向东北蔓延" },
  { 热点编号: "YN20250330-03", 卫星: "FY-3D", 观测时间: "2025-03-30 13:51", 经度: "100.1020", 纬度: "25.6480", 省: "云南省", 市: "大理白族自治州", 县: "大理市", 像元数: "1", 地类: "灌木林地", 是否连续: "否", 核查结果: "", 备注: "" },
  { 热点编号: "YN20250330-04", 卫星: "FY-3D", 观测时间: "2025-03-30 13:51", 经度: "102.5200", 纬度: "24.8600", 省: "云南省", 市: "昆明市", 县: "安宁市", 像元数: "3", 地类: "其他", 是否连续: "否", 核查结果: "工业热源（钢厂）", 备注: "" },
];
const yunnanColumns = ["热点编号", "卫星", "观测时间", "经度", "纬度", "省", "市", "县", "像元数", "地类", "是否连续", "核查结果", "备注"];
writeFileSync(here("hotspot-bulletin-yunnan-gb18030.csv"), iconv.encode(csv(yunnanColumns, yunnan, "\r\n"), "gb18030"));

// 四川 木里, 28 March, as JSON under a "热点" key with numbers as numbers: two passes over one
// grassland fire (one time with an explicit +08:00), and a lone forest pixel 30 km away.
const muli = {
  通报期号: "2025年第87期",
  发布单位: "四川省森林草原防灭火指挥部办公室（合成）",
  热点: [
    { 热点编号: "SC0328-01", 卫星: "NPP", 观测时间: "2025-03-28 13:30", 经度: 101.2201, 纬度: 28.1502, 省: "四川省", 县: "513422", 像元数: 2, 地类: "草地", 是否连续: "否", 核查结果: "待核查" },
    { 热点编号: "SC0328-02", 卫星: "FY-3D", 观测时间: "2025-03-28T17:10:00+08:00", 经度: 101.2290, 纬度: 28.1544, 省: "四川省", 县: "513422", 像元数: 4, 地类: "草地", 是否连续: "是", 核查结果: "草原火" },
    { 热点编号: "SC0328-03", 卫星: "NPP", 观测时间: "2025-03-28 13:30", 经度: 101.5300, 纬度: 28.0300, 省: "四川省", 县: "木里藏族自治县", 像元数: 1, 地类: "林地", 是否连续: "否", 核查结果: "" },
  ],
};
writeFileSync(here("hotspot-bulletin-muli.json"), `${JSON.stringify(muli, null, 2)}\n`);

// Farmland and a verified heat source only: nothing to report (农事用火 stays an observation).
const farmland = [
  { 热点编号: "HN0601-01", 卫星: "FY-3D", 观测时间: "2025-06-01 13:20", 经度: "114.3000", 纬度: "34.8000", 省: "河南省", 县: "", 像元数: "1", 地类: "耕地", 是否连续: "否", 核查结果: "" },
  { 热点编号: "HN0601-02", 卫星: "FY-3D", 观测时间: "2025-06-01 13:20", 经度: "114.3100", 纬度: "34.8050", 省: "河南省", 县: "", 像元数: "2", 地类: "农田", 是否连续: "否", 核查结果: "" },
  { 热点编号: "HN0601-03", 卫星: "FY-3D", 观测时间: "2025-06-01 13:20", 经度: "114.9000", 纬度: "34.6000", 省: "河南省", 县: "", 像元数: "3", 地类: "林地", 是否连续: "否", 核查结果: "计划烧除" },
];
writeFileSync(here("hotspot-bulletin-farmland-only.csv"), csv(BASE, farmland));

// Every row unreadable (a latitude past the pole, a time that is no time): refused.
const broken = [
  { 热点编号: "X-01", 卫星: "FY-3D", 观测时间: "2025-05-01 13:42", 经度: "122.8", 纬度: "93.1", 省: "", 县: "", 像元数: "1", 地类: "林地", 是否连续: "否", 核查结果: "" },
  { 热点编号: "X-02", 卫星: "FY-3D", 观测时间: "五月一日下午", 经度: "122.8", 纬度: "53.1", 省: "", 县: "", 像元数: "1", 地类: "林地", 是否连续: "否", 核查结果: "" },
];
writeFileSync(here("hotspot-bulletin-bad-rows.csv"), csv(BASE, broken));
