// Writes the synthetic HL7 v2 files of this folder (`eix-synthetic-*`) for parse rules the real
// corpus lacks: MSH-18 charsets, CR-only and LF-only ends with several messages and blank lines,
// the v2.7 truncation character, \Xhh\ and formatting escapes, batches. No real patient: every
// name, id and address is invented. Run: node test/corpus/hl7v2/make-synthetic.mjs
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(new URL("../../../packages/adapters/package.json", import.meta.url));
const iconv = require("iconv-lite");
const write = (name, data) => writeFileSync(new URL(name, import.meta.url), data);

// GB18030 declared in MSH-18. The facility name 億安區醫院 holds 億 (GB18030 83 7C, its trail
// byte is "|") and 區 (85 5E, trail byte "^"): a byte-per-character reading of MSH would see
// extra fields and miss MSH-18.
const gb = [
  "MSH|^~\\&|HIS|億安區醫院|EIX|GZ-HUB|20260905093000||ADT^A01^ADT_A01|GB-0001|P|2.4|||AL|NE||GB 18030-2000",
  "EVN|A01|20260905093000",
  "PID|1||ZY-1001^^^YAQ^MR||张^三丰||19700101|M|||幸福路 8 号^^广州市^广东^510000^CHN^H^^440106",
  "PV1|1|I|感染科^12^03||||0012^李^医生",
  "DG1|1|I10|A01.0^伤寒^I10|伤寒|20260905090000|W",
];
write("eix-synthetic-gb18030-msh18.hl7", iconv.encode(`${gb.join("\r")}\r`, "gb18030"));

// The same message with MSH-18 empty: detected as GB18030 (not valid UTF-8), with a warning.
const undeclared = gb.map((s, i) => (i === 0 ? s.replace("|GB 18030-2000", "") : s));
write("eix-synthetic-gb18030-undeclared.hl7", iconv.encode(`${undeclared.join("\r")}\r`, "gb18030"));

// ISO 8859-1 declared as "8859/1".
const latin = [
  "MSH|^~\\&|LAB|CLINIQUE|EIX|HUB|20260301120000||ORU^R01^ORU_R01|L1-0001|P|2.3.1|||||FRA|8859/1",
  "PID|1||P-77^^^CLQ^MR||DÉSIRÉE^Zoë||19850101|F",
  "OBX|1|ST|NOTE^Remarque||Prélèvement effectué à 8h||||||F",
];
write("eix-synthetic-8859-1.hl7", Buffer.from(`${latin.join("\r")}\r`, "latin1"));

// CR-only segment ends (what MLLP carries), two messages with empty lines between them.
const cr = [
  "MSH|^~\\&|HIS|HOSP|EIX|HUB|20260310080000||ADT^A04^ADT_A01|CR-0001|P|2.5",
  "PID|1||A-1^^^HOSP^MR||WANG^FANG||19900101|F",
  "",
  "",
  "MSH|^~\\&|HIS|HOSP|EIX|HUB|20260310080100||ADT^A04^ADT_A01|CR-0002|P|2.5",
  "PID|1||A-2^^^HOSP^MR||LI^LEI||19910202|M",
];
write("eix-synthetic-cr-two-messages.hl7", `${cr.join("\r")}\r`);

// LF-only ends, three messages, blank lines (one of spaces) between them, and explicit nulls:
// PID-13 `""` asks the receiver to delete the stored phone number, PV1-7 `""` the doctor.
const lf = [
  "MSH|^~\\&|HIS|HOSP|EIX|HUB|20260311090000||ADT^A08^ADT_A01|LF-0001|P|2.5.1",
  "EVN|A08|20260311090000",
  'PID|1||B-1^^^HOSP^MR||ZHAO^MIN||19800303|F|||||""',
  'PV1|1|O|OPD^1^1||||""',
  "",
  "   ",
  "MSH|^~\\&|HIS|HOSP|EIX|HUB|20260311090100||ADT^A01^ADT_A01|LF-0002|P|2.5.1",
  "PID|1||B-2^^^HOSP^MR||QIAN^JUN||19810404|M",
  "",
  "MSH|^~\\&|HIS|HOSP|EIX|HUB|20260311090200||ADT^A03^ADT_A03|LF-0003|P|2.5.1",
  "PID|1||B-3^^^HOSP^MR||SUN^LI||19820505|F",
];
write("eix-synthetic-lf-three-messages.hl7", `${lf.join("\n")}\n`);

// v2.7 with the fifth encoding character (truncation, `#`): \P\ is a literal `#`.
const truncation = [
  "MSH|^~\\&#|HIS|HOSP|EIX|HUB|20260312100000||ORU^R01^ORU_R01|TR-0001|P|2.7",
  "PID|1||C-1^^^HOSP^MR||ZHOU^YU||19830606|M",
  "OBX|1|ST|NOTE^Note||Bed \\P\\12, room \\P\\3||||||F",
];
write("eix-synthetic-truncation-v27.hl7", `${truncation.join("\r")}\r`);

// Escapes: \Xhh\ (ASCII and the UTF-8 bytes of 中), \.br\ line breaks, formatting commands
// \H\ \N\ \.sp\ and a local \Z…\ sequence, which are kept as written.
const escapes = [
  "MSH|^~\\&|LIS|HOSP|EIX|HUB|20260313110000||ORU^R01^ORU_R01|ES-0001|P|2.5.1|||||CHN|UNICODE UTF-8",
  "PID|1||D-1^^^HOSP^MR||WU^\\X41\\N||19840707|F",
  "OBX|1|FT|REPORT^Report||Line one\\.br\\Line two\\.br\\\\H\\Important\\N\\ \\XE4B8AD\\文\\.sp2\\end\\ZLOCAL01\\||||||F",
];
write("eix-synthetic-escapes.hl7", `${escapes.join("\r")}\r`);

// Malformed escapes: an unknown sequence and an unterminated one (a Windows path): both kept
// as written, each with a warning.
const malformed = [
  "MSH|^~\\&|HIS|HOSP|EIX|HUB|20260314120000||ADT^A08^ADT_A01|EM-0001|P|2.5",
  "PID|1||E-1^^^HOSP^MR||ZHENG^\\Q\\||19850808|M",
  "OBX|1|ST|FILE^File||C:\\reports",
];
write("eix-synthetic-escape-malformed.hl7", `${malformed.join("\r")}\r`);

// A batch file: FHS/BHS headers, two messages, BTS/FTS trailers.
const batch = [
  "FHS|^~\\&|HIS|HOSP|EIX|HUB|20260315130000",
  "BHS|^~\\&|HIS|HOSP|EIX|HUB|20260315130000",
  "MSH|^~\\&|HIS|HOSP|EIX|HUB|20260315130000||ADT^A04^ADT_A01|BA-0001|P|2.5",
  "PID|1||F-1^^^HOSP^MR||FENG^XIA||19860909|F",
  "MSH|^~\\&|HIS|HOSP|EIX|HUB|20260315130001||ADT^A04^ADT_A01|BA-0002|P|2.5",
  "PID|1||F-2^^^HOSP^MR||CHU^HAO||19871010|M",
  "BTS|2",
  "FTS|1",
];
write("eix-synthetic-batch.hl7", `${batch.join("\r")}\r`);

// Unusable encoding characters: MSH-2 holds only two.
write("eix-synthetic-invalid-msh-encoding.hl7", "MSH|^~|HIS|HOSP|EIX|HUB|20260316140000||ADT^A01|BE-0001|P|2.5\rPID|1\r");

// A version after the supported 2.1–2.8.x.
write(
  "eix-synthetic-invalid-version-2.9.hl7",
  "MSH|^~\\&|HIS|HOSP|EIX|HUB|20260317150000||ADT^A01^ADT_A01|V9-0001|P|2.9\rPID|1||G-1^^^HOSP^MR\r",
);
