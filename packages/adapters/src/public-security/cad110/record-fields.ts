// The columns of the 110 dispatch record (接警单, vendor table BF_110), in the vendor's order,
// with the two EIX additions at the end. Every shape (XML rows, JSON objects, CSV) uses these
// names; a record is a map from column name to its text.

/** A 110 dispatch record: column name → text, as read (trimmed; empty cells left out). */
export type Cad110Record = Readonly<Record<string, string>>;

export const CAD110_FIELDS = [
  "XZQHBH", // 行政区划编号
  "JJDWBH", // 接警单位编号
  "JJDWMC", // 接警单位名称 (seen in exports beside the number)
  "JJDBH", // 接警单编号
  "GLJJDBH", // 关联接警单编号
  "LHLXBH", // 来话类型
  "BJFSBH", // 报警方式
  "JJYBH", // 接警员编号
  "JJYXM", // 接警员姓名 (personal)
  "BJSJ", // 报警时间
  "JJSJ", // 接警时间
  "BJDH", // 报警电话 (personal)
  "BJRXM", // 报警人姓名 (personal)
  "BJRXB", // 报警人性别 (personal)
  "LXDH", // 联系电话 (personal)
  "SFDZ", // 事发地址
  "BJNR", // 报警内容
  "GXDWBH", // 管辖单位编号
  "BJLB", // 报警类别
  "BJLX", // 报警类型
  "BJXL", // 报警细类
  "ZDDWXZB", // 自动定位 X (经度)
  "ZDDWYZB", // 自动定位 Y (纬度)
  "SDDWXZB", // 手动定位 X (经度)
  "SDDWYZB", // 手动定位 Y (纬度)
  "YWWXWZ", // 有无危险物质
  "YWBKRY", // 有无被困人员
  "BKRS", // 被困人数
  "SSRS", // 受伤人数
  "SWRS", // 死亡人数
  "JQJB", // 警情级别
  "ZHDJ", // 灾害等级
  "AFSJ", // 案发时间
  "AJZT", // 案件状态
  "SJLX", // EIX: GB/T 35561 事件类型, written when the call type does not say it
  "BSSJ", // EIX: 报送时间, the canonical sentAt when it is not the 接警时间
] as const;

/** Columns that name or reach a person: never copied into a canonical message as they are. */
export const PERSONAL_FIELDS: ReadonlySet<string> = new Set(["JJYXM", "BJDH", "BJRXM", "BJRXB", "LXDH"]);

/** Columns the canonical message carries in its own fields (not repeated under extensions). */
export const MAPPED_FIELDS: ReadonlySet<string> = new Set([
  "XZQHBH",
  "JJDBH",
  "BJSJ",
  "SFDZ",
  "BJNR",
  "BKRS",
  "SSRS",
  "SWRS",
  "AFSJ",
  "SJLX",
  "BSSJ",
]);

/** Column names are upper-case ASCII letters and digits; anything else is not a column. */
export const FIELD_NAME = /^[A-Z][A-Z0-9_]{0,39}$/;
