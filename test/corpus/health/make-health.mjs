// Writes the synthetic HL7 v2 case reports of this folder (no real patient: every name, id
// and address is invented). Run: node test/corpus/health/make-health.mjs
// The GB18030 file is written with iconv-lite from the UTF-8 text below.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(new URL("../../../packages/adapters/package.json", import.meta.url));
const iconv = require("iconv-lite");
const here = (name) => new URL(name, import.meta.url);

const cholera = [
  "MSH|^~\\&|LIS|NNCDC^450100^L|EIX|NN-HUB|20260721084000||ORU^R01^ORU_R01|LAB-20260721-0042|P|2.5.1|||AL|NE||UNICODE UTF-8",
  "PID|1||ZY0099887^^^NNCDC^MR||黄^某某||19800512|M|||某路 12 号^^南宁市^广西^530000^CHN^H^^450103||0771-0000000",
  "ORC|RE|ORD-7781|LAB-3321||CM",
  "OBR|1|ORD-7781|LAB-3321|625-4^Bacteria identified in Stool by Culture^LN|||20260720160000|||||||||^检验科^医生||||||20260721083000||MB|F",
  "OBX|1|CWE|600-7^Bacteria identified^LN||A00.0^霍乱，由于O1群霍乱弧菌，霍乱生物型所致^I10||||||F|||20260721083000",
  "OBX|2|ST|664-3^Microscopic observation^LN||O1群小川型霍乱弧菌||||||F",
  "OBX|3|DTM|11368-8^Illness or injury onset date and time^LN||20260718210000||||||F",
].join("\r");

const plague = [
  "MSH|^~\\&|HIS|XLGL-RMYY|EIX|NM-HUB|20260903221500||ADT^A04^ADT_A01|ADT-000731|P|2.5|||AL|NE||GB 18030-2000",
  "EVN|A04|20260903221500",
  "PID|1||MZ-00451^^^XLGL-RMYY^MR||巴特尔^某||19721103|M|||牧业社区^^锡林浩特市^内蒙古^026000^CHN^H^^152502||",
  "NK1|1|其其格^某|SPO^配偶^HL70063",
  "PV1|1|E|发热门诊^01^01||||0007^值班^医生||||||||||||V-20260903-0088",
  "DG1|1|I10|A20.9^鼠疫，未特指^I10|鼠疫，未特指|20260903220000|W",
  "ZXT|1|流行病学史：发病前 5 天有旱獭接触史",
].join("\r");

const anthrax = [
  "MSH|^~\\&|HIS|CHD-ZXYY|EIX|GS-HUB|20260812103000||ADT^A01^ADT_A01|ADT-889120|P|2.5.1|||AL|NE||UNICODE UTF-8",
  "EVN|A01|20260812103000",
  "PID|1||ZY-20260812-17^^^CHD-ZXYY^MR||王^某||19650301|M|||某村^^承德县^河北^067400^CHN^H^^130821|||||||||||||||||||Y",
  "PV1|1|I|ICU^3^1||||0012^呼吸科^医生|||||||||||||V-20260812-0017",
  "DG1|1|I10|A22.1^肺炭疽^I10||20260812100000|F",
].join("\r\n");

writeFileSync(here("hl7-oru-r01-cholera-confirmed.hl7"), cholera);
writeFileSync(here("hl7-adt-a04-plague-suspected-gb18030.hl7"), iconv.encode(plague, "gb18030"));
writeFileSync(here("hl7-adt-a01-pulmonary-anthrax-died-crlf.hl7"), anthrax);
