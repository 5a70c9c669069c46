// Help texts, in both languages at once: they are read before anyone has chosen one.

export const mainUsage = `eix — EIX 应急信息交互枢纽命令行 / Emergency Information eXchange command line

用法 Usage:
  eix validate [--json] [--lang zh-CN|en] FILE|DIR...
      校验规范 JSON 消息；目录按其中的 *.json 文件校验
      validate canonical JSON messages; a directory stands for its *.json files
  eix demo [--lang zh-CN|en] [DIR]
      校验 DIR/valid 与 DIR/invalid 中的示例并列表（默认 packages/schema/examples）
      check every example in DIR/valid and DIR/invalid and print a table
  eix help | --help
      显示本帮助 / show this help

退出码 Exit status: 0 全部通过 all passed · 1 存在无效消息 something invalid · 2 用法或文件错误 usage or file error
`;

export const validateUsage = `用法 Usage: eix validate [--json] [--lang zh-CN|en] FILE|DIR...

  校验规范 JSON 消息（UTF-8）。目录参数展开为其中按名称排序的 *.json 文件（不含 *.expected.json）。
  Validates canonical JSON messages (UTF-8). A directory stands for its *.json files, sorted by
  name, without *.expected.json sidecars.

  --json          输出一个 JSON 文档 / print one JSON document: {"files":[...],"summary":{...}}
  --lang LANG     消息语言 / message language: zh-CN (默认 default) or en
  -h, --help      显示本帮助 / show this help

退出码 Exit status: 0 全部有效（可有警告）all valid, warnings allowed · 1 存在无效文件 some invalid ·
                    2 用法错误或文件无法读取 usage error or unreadable file
`;

export const demoUsage = `用法 Usage: eix demo [--lang zh-CN|en] [DIR]

  校验 DIR/valid 和 DIR/invalid 中的每个示例，与其声明（NAME.expected.json）对照后列表。
  Checks every example in DIR/valid and DIR/invalid against its declaration (NAME.expected.json)
  and prints a table. DIR defaults to the examples of @eix/schema (packages/schema/examples).

  --lang LANG     表格语言 / table language: zh-CN (默认 default) or en
  -h, --help      显示本帮助 / show this help

退出码 Exit status: 0 全部符合声明 every example as declared · 1 存在不符 some example not as declared ·
                    2 用法错误或目录缺失 usage error or missing directory
`;
