// Writes fire-report-anning-final-gb18030.xml: the final report (终报) of the synthetic fire in
// fire-report-anning-initial.json, as a GB18030 XML export. Run:
// node test/corpus/forestry/fire-report-make-gb18030.mjs
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(new URL("../../../packages/adapters/package.json", import.meta.url));
const iconv = require("iconv-lite");

const xml = `<?xml version="1.0" encoding="GB18030"?>
<forestFireReport>
  <reportId>LHBG-530181-20270312-01-3</reportId>
  <fireNumber>530181-20270312-01</fireNumber>
  <sequence>3</sequence>
  <previousReportId>LHBG-530181-20270312-01-2</previousReportId>
  <previousReportTime>2027-03-12T20:00:00+08:00</previousReportTime>
  <title>安宁市八街街道某村后山森林火灾</title>
  <eventType>11G01</eventType>
  <ignitionTime>2027-03-12T13:20:00+08:00</ignitionTime>
  <discoveredTime>2027-03-12T13:35:00+08:00</discoveredTime>
  <reportTime>2027-03-13T09:30:00+08:00</reportTime>
  <place>
    <regionCode>530181</regionCode>
    <address>云南省昆明市安宁市八街街道某村后山</address>
    <lat>24.7412</lat>
    <lon>102.3567</lon>
  </place>
  <cause>农事用火（烧田埂）失控引发，肇事者已被公安机关控制</cause>
  <burnedForestHa>4.3</burnedForestHa>
  <burnedAreaHa>6.8</burnedAreaHa>
  <deaths>0</deaths>
  <seriousInjuries>1</seriousInjuries>
  <injured>3</injured>
  <forces>
    <personnel>312</personnel>
    <vehicles>27</vehicles>
    <aircraft>1</aircraft>
    <description>云南省森林消防总队昆明支队、安宁市专业扑火队、八街街道半专业扑火队</description>
  </forces>
  <status>扑灭</status>
  <severity>较大</severity>
  <description>3月13日6时40分明火全部扑灭，火场已移交当地看守，无复燃。扑救中1名队员烧伤（重伤）。</description>
  <reportingUnit>
    <unitId>530181-LCJ</unitId>
    <name>安宁市林业和草原局</name>
    <regionCode>530181</regionCode>
    <level>county</level>
  </reportingUnit>
</forestFireReport>
`;
writeFileSync(new URL("fire-report-anning-final-gb18030.xml", import.meta.url), iconv.encode(xml, "gb18030"));
