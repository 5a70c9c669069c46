// Writes the synthetic 110 dispatch records (110 接警单, BF_110 columns) of this folder. Every
// person, phone number, ID-card number, record number and address detail is invented; the
// region codes are real GB/T 2260 codes and the call-type codes come from the vendor table
// (corpus/gb/joviansoft-110-bjlxdmb.csv). The GB18030 files are written with iconv-lite from
// the text below. Run: node test/corpus/cad110/make-cad110.mjs
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(new URL("../../../packages/adapters/package.json", import.meta.url));
const iconv = require("iconv-lite");
const here = (name) => new URL(name, import.meta.url);
const gb = (text) => iconv.encode(text, "gb18030");

const xmlRow = (fields) =>
  `  <ROW>\n${Object.entries(fields)
    .map(([k, v]) => `    <${k}>${v.replaceAll("&", "&amp;").replaceAll("<", "&lt;")}</${k}>\n`)
    .join("")}  </ROW>\n`;
const xml = (encoding, rows) => `<?xml version="1.0" encoding="${encoding}"?>\n<BF_110>\n${rows.map(xmlRow).join("")}</BF_110>\n`;
const csvCell = (v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const csv = (rows) => {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [columns, ...rows.map((r) => columns.map((c) => r[c] ?? ""))].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
};

// A residential fire in 杭州市西湖区 with people trapped, coordinates GCJ-02 (a Gaode-based CAD).
const fire = {
  XZQHBH: "330106",
  JJDWBH: "330106110000",
  JJDWMC: "杭州市公安局西湖区分局110指挥中心",
  JJDBH: "3301062026031400127",
  LHLXBH: "01",
  BJFSBH: "1",
  JJYBH: "J0317",
  JJYXM: "陈晓燕",
  BJSJ: "2026-03-14 21:05:33",
  JJSJ: "2026-03-14 21:05:48",
  BJDH: "13957112345",
  BJRXM: "王建国",
  BJRXB: "1",
  LXDH: "13957112345",
  SFDZ: "西湖区文三路某小区7幢2单元",
  BJNR: "报警人王建国称：7幢2单元5楼一户人家厨房起火，浓烟很大，楼上有老人被困，请速派消防。回拨电话13957112345。",
  GXDWBH: "330106510000",
  BJLB: "40",
  BJLX: "400100",
  BJXL: "400100",
  ZDDWXZB: "120.1306",
  ZDDWYZB: "30.2792",
  YWWXWZ: "0",
  YWBKRY: "1",
  BKRS: "2",
  SSRS: "1",
  SWRS: "0",
  JQJB: "2",
  AFSJ: "2026-03-14 21:00:00",
  AJZT: "01",
};
// A two-car collision on a ring road, no coordinates fix (0,0), an injured driver.
const traffic = {
  XZQHBH: "330106",
  JJDWBH: "330106110000",
  JJDWMC: "杭州市公安局西湖区分局110指挥中心",
  JJDBH: "3301062026031400131",
  BJSJ: "2026-03-14 21:40:02",
  JJSJ: "2026-03-14 21:40:10",
  BJRXM: "欧阳小明",
  LXDH: "0571-87651234",
  SFDZ: "紫之隧道北口往南约200米",
  BJNR: "两车追尾，一名司机腿部受伤，占用两条车道，后方拥堵。",
  BJLB: "30",
  BJLX: "300100",
  ZDDWXZB: "0",
  ZDDWYZB: "0",
  SSRS: "1",
  AJZT: "01",
};
writeFileSync(here("cad110-fire-traffic-rows.xml"), xml("UTF-8", [fire, traffic]));

// A chemical leak in 南京市江宁区 as a GB18030 XML export declaring its encoding, BD-09 coordinates.
const hazmat = {
  XZQHBH: "320115",
  JJDWBH: "320115110000",
  JJDWMC: "南京市公安局江宁分局指挥中心",
  JJDBH: "3201152026052000042",
  BJSJ: "2026-05-20 09:12:07",
  JJSJ: "2026-05-20 09:12:30",
  BJRXM: "李卫东",
  BJRXB: "1",
  LXDH: "18951760001",
  SFDZ: "江宁经济技术开发区某化工厂东门外",
  BJNR: "一辆槽罐车在厂门口发生泄漏，有刺鼻气味，现场工人称是液氨，已有两人头晕。报警人身份证号320115197509114569。",
  BJLB: "80",
  BJLX: "800200",
  SDDWXZB: "118.8426",
  SDDWYZB: "31.9446",
  YWWXWZ: "1",
  SSRS: "2",
  JQJB: "较大",
  AFSJ: "2026-05-20 09:05:00",
  AJZT: "02",
};
writeFileSync(here("cad110-hazmat-gb18030.xml"), gb(xml("GB18030", [hazmat])));
// The same record, GB18030 with no XML declaration: the charset is detected.
writeFileSync(here("cad110-hazmat-gb18030-undeclared.xml"), gb(xml("GB18030", [hazmat]).replace(/^<\?xml[^>]*>\n/, "")));

// A CSV batch from 深圳市南山区, GB18030 (as most CAD exports): a road blockade (群体事件), a
// theft and a complaint (not reportable), and a food poisoning; quotes, commas and a line break
// inside 报警内容; CRLF line ends.
const blockade = {
  XZQHBH: "440305",
  JJDWBH: "440305110000",
  JJDBH: "4403052026071100018",
  BJSJ: "2026-07-11 08:31:00",
  JJSJ: "2026-07-11 08:31:20",
  BJRXM: "张三",
  LXDH: "13800135678",
  SFDZ: "南山区沙河西路与白石路交叉口",
  BJNR: '约三十名工人聚集在路口讨薪，拉横幅"还我血汗钱"，\r\n堵住双向车道，交通中断。张三称其工友赵四（身份证440305199203021217）被推倒。',
  BJLB: "70",
  BJLX: "700200",
  ZDDWXZB: "113.9651",
  ZDDWYZB: "22.5284",
  JQJB: "1",
  AJZT: "01",
};
const theft = {
  XZQHBH: "440305",
  JJDWBH: "440305110000",
  JJDBH: "4403052026071100019",
  BJSJ: "2026-07-11 08:40:12",
  BJRXM: "刘芳",
  LXDH: "13600000000",
  SFDZ: "南山区科技园某地铁站B出口",
  BJNR: "电动车电瓶被盗，价值约800元。",
  BJLB: "10",
  BJLX: "100100",
  AJZT: "01",
};
const complaint = {
  XZQHBH: "440305",
  JJDWBH: "440305110000",
  JJDBH: "4403052026071100020",
  BJSJ: "2026-07-11 08:52:45",
  BJRXM: "周某",
  LXDH: "13711112222",
  BJNR: "投诉昨晚出警民警态度不好，要求回复，电话137-1111-2222。",
  BJLB: "95",
  BJLX: "950100",
  AJZT: "03",
};
const poisoning = {
  XZQHBH: "440305",
  JJDWBH: "440305110000",
  JJDBH: "4403052026071100023",
  BJSJ: "2026-07-11 13:20:00",
  JJSJ: "2026-07-11 13:20:18",
  BJRXM: "黄老师",
  LXDH: "0755-26001234",
  SFDZ: "南山区某小学食堂",
  BJNR: "午饭后多名学生呕吐腹痛，已有12人送南山医院，怀疑食物中毒。",
  BJLB: "80",
  BJLX: "800300",
  SSRS: "12",
  JQJB: "一般",
  AFSJ: "2026-07-11 12:30:00",
  AJZT: "01",
};
writeFileSync(here("cad110-nanshan-batch-gb18030.csv"), gb(csv([blockade, theft, complaint, poisoning])));

// Only ordinary calls: decoded, nothing to report (UTF-8, LF line ends).
writeFileSync(here("cad110-not-reportable.csv"), csv([theft, complaint]).replaceAll("\r\n", "\n"));

// JSON: an array wrapped as the CAD's web service returns it (UTF-8), and one object (GB18030).
const flood = {
  XZQHBH: "510107",
  JJDWBH: "510107110000",
  JJDBH: "5101072026080300077",
  BJSJ: "2026-08-03T02:14:09+08:00",
  JJSJ: "2026-08-03T02:14:30+08:00",
  BJRXM: "杨某某",
  BJDH: "028-85551234",
  SFDZ: "武侯区某路下穿隧道",
  BJNR: "暴雨致隧道积水约1.5米，一辆小车熄火，车内3人被困，已爬上车顶。",
  BJLB: "80",
  BJLX: "800400",
  ZDDWXZB: "104.0436",
  ZDDWYZB: "30.6415",
  BKRS: "3",
  ZHDJ: "较大",
  AJZT: "01",
};
writeFileSync(
  here("cad110-chengdu-records.json"),
  `${JSON.stringify({ total: 2, rows: [flood, { ...fire, XZQHBH: "510107", JJDWBH: "510107110000", JJDWMC: "成都市公安局武侯区分局指挥中心", JJDBH: "5101072026080300081", SFDZ: "武侯区某商场负一楼", ZDDWXZB: "104.0478", ZDDWYZB: "30.6390" }] }, null, 2)}\n`,
);
writeFileSync(here("cad110-fire-gb18030.json"), gb(`${JSON.stringify({ ...fire, BKRS: 2, SSRS: 1, SWRS: 0 }, null, 2)}\n`));

// Refused: a reportable record without 行政区划; a CSV whose quoted field never closes.
writeFileSync(here("cad110-missing-xzqhbh.csv"), csv([{ ...poisoning, XZQHBH: "" }]));
writeFileSync(here("cad110-unclosed-quote.csv"), 'JJDBH,XZQHBH,BJLX,BJSJ,BJNR\r\n4403052026071100099,440305,400100,2026-07-11 10:00:00,"起火\r\n');
