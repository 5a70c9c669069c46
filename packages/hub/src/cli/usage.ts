// Help texts, in both languages at once: they are read before anyone has chosen one.

export const mainUsage = `eix — EIX 应急信息交互枢纽命令行 / Emergency Information eXchange command line

用法 Usage:
  eix validate [--format F|auto] [--sender FILE] [--json] [--lang zh-CN|en] FILE|DIR...
      解码并校验消息（默认规范 JSON）；目录按格式的扩展名展开
      decode and validate messages (canonical JSON by default); a directory stands for its files
  eix convert [--from F|auto] --to F [--out DIR] [--sender FILE] [--lang zh-CN|en] FILE|DIR...
      经规范模型在两种格式之间转换 / translate between two formats via the canonical model
  eix demo [--lang zh-CN|en] [--data DIR] [EXAMPLES]
      运行演示：枢纽（内置 SQLite）+ 国家平台模拟端，推送示例消息并报告结果
      run the demo: a hub on embedded SQLite and a national-platform stand-in, fed the examples
  eix serve --config FILE [--port N]
      运行枢纽 / run the hub (SIGTERM/SIGINT 平稳停止 stop cleanly)
  eix replay --config FILE [--destination D] [--id ID] [--delivery N] [--since TIME]
      将死信重新排队 / put dead letters back in the queue
  eix messages show ID --config FILE [--unit U] [--json]
      查看一条消息及其投递状态 / one message with its delivery states
  eix help | --help
      显示本帮助 / show this help

  F：canonical（规范 JSON）或适配器标识 / canonical or an adapter id: weather.cap, weather.cn12379

退出码 Exit status: 0 全部通过 all passed · 1 存在无效或无法转换的输入 something invalid ·
                    2 用法或文件错误 usage or file error
`;

export const validateUsage = `用法 Usage: eix validate [--format F|auto] [--sender FILE] [--json] [--lang zh-CN|en] FILE|DIR...

  用格式 F 解码每个文件，并按规范模型校验得到的每条消息；一个文件可含多条消息。
  Decodes each file with format F and validates every envelope it yields against the canonical
  model; one file may yield several envelopes.

  --format F      canonical（默认 default）：规范 JSON（UTF-8）/ canonical JSON messages;
                  weather.cap：CAP 1.0–1.2；weather.cn12379：12379 预警消息 / 12379 warnings;
                  auto：逐个文件识别格式（含规范 JSON）/ sniff each file (canonical JSON too)
  --sender FILE   发送单位 JSON：{unitId, name, department, level, regionCode}，用于报文本身不含
                  发送单位编码的格式（CAP）/ the sending unit, for formats that do not carry one (CAP)
  --json          输出一个 JSON 文档 / print one JSON document:
                  {"files":[{file, format, envelopes, valid, issues}],"summary":{...}}
  --lang LANG     消息语言 / message language: zh-CN (默认 default) or en
  -h, --help      显示本帮助 / show this help

  目录参数展开为其中按名称排序的文件（不含 *.expected.json）：canonical 取 *.json，weather.cap 取
  *.xml 与 *.cap，weather.cn12379 取 *.xml，auto 取三者。
  A directory stands for its files, sorted by name, without *.expected.json sidecars: *.json for
  canonical, *.xml and *.cap for weather.cap, *.xml for weather.cn12379, all of them for auto.

  问题位置：源报文中的 行:列（适配器错误），或消息中的 JSON 指针（校验问题）。
  Locations: line:column in the source (adapter errors) or a JSON pointer (schema issues).

退出码 Exit status: 0 全部有效（可有警告）all valid, warnings allowed · 1 存在无效文件 some invalid ·
                    2 用法错误或文件无法读取 usage error or unreadable file
`;

export const convertUsage = `用法 Usage: eix convert [--from F|auto] --to F [--out DIR] [--sender FILE] [--lang zh-CN|en] FILE|DIR...

  用 --from 解码每个文件，校验每条消息，再用 --to 编码。
  Decodes each file with --from, validates every envelope, encodes each one with --to.

  --from F        输入格式（默认 auto，逐个文件识别）/ input format (default auto: sniff each file)
  --to F          输出格式（必填）/ output format (required): canonical, weather.cap, weather.cn12379
  --out DIR       每条消息写一个文件（目录不存在则创建）：输入文件名去掉扩展名，多条消息时加 -N，
                  再加目标格式扩展名（canonical .json，weather.cap 与 weather.cn12379 .xml）；
                  不写入与输入文件同名的路径。
                  one file per envelope (DIR is created if missing), named after the input file
                  without its extension, plus -N when it yields several, plus the target's
                  extension (.json for canonical, .xml for weather.cap and weather.cn12379);
                  an output never replaces an input file.
                  无 --out 时输出到标准输出；多份文档时每份前有一行 “==> 文件名 <==”。
                  Without --out: stdout; several documents are each headed "==> NAME <==".
  --sender FILE   发送单位 JSON，同 eix validate / the sending unit, as for eix validate
  --lang LANG     报告语言 / report language: zh-CN (默认 default) or en
  -h, --help      显示本帮助 / show this help

退出码 Exit status: 0 全部转换 all converted · 1 存在无法解码、校验或编码的输入 some input failed ·
                    2 用法错误或文件无法读写 usage error or unreadable/unwritable file
`;

export const demoUsage = `用法 Usage: eix demo [--lang zh-CN|en] [--data DIR] [EXAMPLES]

  启动枢纽（内置 SQLite）与时有故障的国家平台模拟端（503 繁忙、短暂中断、拒收一条消息直到修复），
  按发送时间推送示例消息（有效、重发、错误令牌、无效、12379 文件），等待转发完成，修复后重放死信，
  然后报告接收、拒收（及原因）、转发、重试与死信。
  Starts a hub on embedded SQLite and a national-platform stand-in that fails now and then (503
  busy, a short outage, one message refused until fixed), posts the examples as departments
  would (valid, a resend, a wrong token, invalid, 12379 files), waits for the relay, replays the
  dead letter after the fix, and reports what was received, rejected (and why), relayed,
  retried and dead-lettered. EXAMPLES defaults to packages/schema/examples.

  --data DIR      库、日志、配置与归档的目录（默认新建临时目录）/ where the store, log, config
                  and archive go (default: a new temporary directory)
  --lang LANG     报告语言 / report language: zh-CN (默认 default) or en
  -h, --help      显示本帮助 / show this help

退出码 Exit status: 0 演示按预期完成 the scenario went as expected · 1 存在未通过的检查 some check failed ·
                    2 用法错误或目录缺失 usage error or missing directory
`;

export const serveUsage = `用法 Usage: eix serve --config FILE [--port N] [--lang zh-CN|en]

  按配置文件（YAML 或 JSON）运行枢纽：HTTP 接口、文件投递目录、转发、保留期清理。
  Runs the hub from its configuration file (YAML or JSON): HTTP API, file drops, relay,
  retention. Logs are JSON lines on stdout. SIGTERM or SIGINT stops it cleanly.
  配置中的问题会全部列出（文件:行:列、代码、说明）/ every configuration problem is listed.

  --config FILE   配置文件 / configuration file (examples/provincial-hub/hub.yaml)
  --port N        覆盖 http.port / override http.port (0 = any free port)

退出码 Exit status: 0 正常停止 stopped cleanly · 2 用法或配置错误 usage or configuration error
`;

export const replayUsage = `用法 Usage: eix replay --config FILE [--destination D] [--id ID] [--unit U] [--delivery N] [--since TIME]

  将匹配的死信投递重新排队（立即到期，尝试次数清零）；运行中的枢纽在下一轮转发时发送。
  Puts matching dead deliveries back in the queue, due now with attempts reset; a running hub
  sends them at its next relay pass. At least one of --destination, --id, --delivery.

  --destination D 目的地标识 / destination id
  --id ID         消息标识 / message id (with --unit when ids may repeat across units)
  --delivery N    投递编号 / delivery number
  --since TIME    仅此时间之后变为死信的 / only those that went dead at or after TIME (RFC 3339)

退出码 Exit status: 0 已重新排队 re-queued · 1 无匹配 nothing matched · 2 用法或配置错误 usage or configuration error
`;

export const messagesUsage = `用法 Usage: eix messages show ID --config FILE [--unit U] [--json] [--lang zh-CN|en]

  显示枢纽保存的一条消息：回执、来源、未投递的目的地及原因、每个投递的状态、尝试次数和最后错误。
  Shows one stored message: receipt, provenance, withheld destinations and why, and every
  delivery with its state, attempts and last error. --json prints the whole record (raw as base64).

退出码 Exit status: 0 找到 found · 1 没有该消息 no such message · 2 用法或配置错误 usage or configuration error
`;
