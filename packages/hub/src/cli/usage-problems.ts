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

export const noFilesToConvert = () =>
  new CliError("EIX_CLI_USAGE", { reason: { "zh-CN": "未指定要转换的文件", en: "no file to convert" } });

export const missingOption = (option: string) =>
  new CliError("EIX_CLI_USAGE", { reason: { "zh-CN": `缺少必需的选项 “${option}”`, en: `the option "${option}" is required` } });

export const sniffingOutput = () =>
  new CliError("EIX_CLI_USAGE", {
    reason: { "zh-CN": "“auto” 只能用于输入格式，输出格式须明确指定", en: `"auto" is for input only; name the output format` },
  });

export const encodingUnsupported = (id: string) =>
  new CliError("EIX_CLI_USAGE", {
    reason: {
      "zh-CN": `适配器 “${id}” 只能解码，不能用作输出格式`,
      en: `the adapter "${id}" only decodes; it cannot be an output format`,
    },
  });
