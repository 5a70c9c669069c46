// Writes phe-food-poisoning-school-progress-gb18030.xml: the progress report (进程报告) of the
// synthetic event in phe-food-poisoning-school-initial.json, as a GB18030 XML export.
// Run: node test/corpus/health/make-phe-xml.mjs
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(new URL("../../../packages/adapters/package.json", import.meta.url));
const iconv = require("iconv-lite");

const xml = `<?xml version="1.0" encoding="GB18030"?>
<pheEventReport>
  <reportId>PHE-330106-20260915-0003-2</reportId>
  <eventId>330106-20260915-0003</eventId>
  <reportKind>进程报告</reportKind>
  <sequence>2</sequence>
  <previousReportId>PHE-330106-20260915-0003-1</previousReportId>
  <previousReportTime>2026-09-15T15:30:00+08:00</previousReportTime>
  <eventName>西湖区某中学食堂食物中毒事件</eventName>
  <eventType>13B03</eventType>
  <level>一般</level>
  <onsetTime>2026-09-15T12:40:00+08:00</onsetTime>
  <reportTime>2026-09-16 09:00:00</reportTime>
  <place>
    <regionCode>330106</regionCode>
    <address>浙江省杭州市西湖区某中学</address>
    <placeType>学校</placeType>
  </place>
  <cases>41</cases>
  <deaths>0</deaths>
  <exposed>640</exposed>
  <description>截至9月16日8时，累计报告病例41例，均为轻症；食堂留样中检出副溶血性弧菌。</description>
  <measures>食堂停业整顿；对全校师生开展健康监测。</measures>
  <reportingUnit>
    <unitId>330106-JKZX</unitId>
    <name>杭州市西湖区疾病预防控制中心</name>
    <regionCode>330106</regionCode>
    <level>county</level>
  </reportingUnit>
</pheEventReport>
`;
writeFileSync(new URL("phe-food-poisoning-school-progress-gb18030.xml", import.meta.url), iconv.encode(xml, "gb18030"));
