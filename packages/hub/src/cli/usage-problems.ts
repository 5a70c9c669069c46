import { CliError } from "../errors.js";

// The usage errors of the command line, each an EIX_CLI_USAGE with its reason in both languages.

export const unknownCommand = (name: string) =>
  new CliError("EIX_CLI_USAGE", { reason: { "zh-CN": `未知命令 “${name}”`, en: `unknown command "${name}"` } });

export const noCommand = () => new CliError("EIX_CLI_USAGE", { reason: { "zh-CN": "未指定命令", en: "no command given" } });

export const unknownOption = (option: string) =>
  new CliError("EIX_CLI_USAGE", { reason: { "zh-CN": `未知选项 “${option}”`, en: `unknown option "${option}"` } });

export const missingOptionValue = (option: string) =>
  new CliError("EIX_CLI_USAGE", { reason: { "zh-CN": `选项 “${option}” 缺少取值`, en: `option "${option}" needs a value` } });

export const unexpectedOptionValue = (option: string) =>
  new CliError("EIX_CLI_USAGE", {
    reason: { "zh-CN": `选项 “${option}” 不接受取值`, en: `option "${option}" takes no value` },
  });

export const badLanguage = (value: string) =>
  new CliError("EIX_CLI_USAGE", {
    reason: { "zh-CN": `不支持的语言 “${value}”，应为 zh-CN 或 en`, en: `unsupported language "${value}"; use zh-CN or en` },
  });

export const noFiles = () =>
  new CliError("EIX_CLI_USAGE", { reason: { "zh-CN": "未指定要校验的文件", en: "no file to validate" } });

export const tooManyArguments = (extra: string) =>
  new CliError("EIX_CLI_USAGE", { reason: { "zh-CN": `多余的参数 “${extra}”`, en: `unexpected argument "${extra}"` } });
