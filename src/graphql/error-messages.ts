import type { Bilingual } from '../common/errors';

/**
 * Chinese summaries of graphql-js validation messages, so `messageZh` is Chinese for every error.
 * Names (fields, types, arguments, variables) are kept; literal values never are.
 */
const VALIDATION_ZH: Array<[RegExp, (...names: string[]) => string]> = [
  [/^Cannot query field "([^"]+)" on type "([^"]+)"/, (f, t) => `类型 ${t} 没有字段 ${f}`],
  [/^Unknown argument "([^"]+)" on field "([^"]+)"/, (a, f) => `字段 ${f} 没有参数 ${a}`],
  [/^Unknown argument "([^"]+)" on directive "([^"]+)"/, (a, d) => `指令 ${d} 没有参数 ${a}`],
  [/^Field "([^"]+)" argument "([^"]+)" of type "([^"]+)" is required/, (f, a, t) => `字段 ${f} 缺少必填参数 ${a}（${t}）`],
  [/^Field "([^"]+)" of required type "([^"]+)" was not provided/, (f, t) => `输入字段 ${f}（${t}）为必填`],
  [/^Field "([^"]+)" is not defined by type "([^"]+)"/, (f, t) => `输入类型 ${t} 没有字段 ${f}`],
  [/^Field "([^"]+)" of type "([^"]+)" must have a selection of subfields/, (f, t) => `字段 ${f}（${t}）须选择子字段`],
  [/^Field "([^"]+)" must not have a selection since type "([^"]+)" has no subfields/, (f, t) => `字段 ${f}（${t}）是标量，不能选择子字段`],
  [/^Variable "\$([^"]+)" is never used/, (v) => `变量 $${v} 未被使用`],
  [/^Variable "\$([^"]+)" is not defined/, (v) => `变量 $${v} 未定义`],
  [/^Variable "\$([^"]+)" cannot be non-input type "([^"]+)"/, (v, t) => `变量 $${v} 的类型 ${t} 不是输入类型`],
  [/^Variable "\$([^"]+)" of type "([^"]+)" used in position expecting type "([^"]+)"/, (v, t, e) => `变量 $${v} 的类型 ${t} 与所需类型 ${e} 不符`],
  [/^There can be only one variable named "\$([^"]+)"/, (v) => `变量 $${v} 重复定义`],
  [/^Unknown type "([^"]+)"/, (t) => `未知类型 ${t}`],
  [/^Unknown fragment "([^"]+)"/, (f) => `未知片段 ${f}`],
  [/^Fragment "([^"]+)" is never used/, (f) => `片段 ${f} 未被使用`],
  [/^Cannot spread fragment "([^"]+)" within itself/, (f) => `片段 ${f} 循环引用自身`],
  [/^There can be only one fragment named "([^"]+)"/, (f) => `片段 ${f} 重复定义`],
  [/^Fragment "([^"]+)" cannot be spread here/, (f) => `片段 ${f} 不能用在此处`],
  [/^Unknown directive "@?([^"]+)"/, (d) => `未知指令 @${d}`],
  [/^The directive "@?([^"]+)" can only be used once/, (d) => `指令 @${d} 只能使用一次`],
  [/^Directive "@?([^"]+)" may not be used on/, (d) => `指令 @${d} 不能用在此处`],
  [/^There can be only one operation named "([^"]+)"/, (o) => `操作名 ${o} 重复`],
  [/^This anonymous operation must be the only defined operation/, () => '匿名操作必须是文档中唯一的操作'],
  [/^Fields "([^"]+)" conflict/, (f) => `字段 ${f} 的同名选择相互冲突`],
  [/^There can be only one argument named "([^"]+)"/, (a) => `参数 ${a} 重复`],
  [/^There can be only one input field named "([^"]+)"/, (f) => `输入字段 ${f} 重复`],
  [/^Expected value of type "([^"]+)", found/, (t) => `值的类型不符，应为 ${t}`],
  [/^Enum "([^"]+)" cannot represent/, (t) => `枚举 ${t} 没有此取值`],
  [/^(String|Int|Float|Boolean|ID) cannot represent/, (t) => `${t} 类型不能表示此值`],
  [/^Anonymous Subscription must select only one top level field|^Subscription "([^"]+)" must select only one top level field/, () => '订阅只能选择一个根字段'],
  [/^Schema does not define the required query root type|^Schema is not configured/, () => '模式不支持此类操作'],
];

/** The English message without literal values graphql-js quotes ("…, found 13800138000."). */
export function validationMessageEn(message: string): string {
  return message
    .replace(/(Expected value of type "[^"]+"), found [\s\S]*$/, '$1.')
    .replace(/((?:String|Int|Float|Boolean|ID) cannot represent)[\s\S]*$/, '$1 this value.')
    .replace(/(Enum "[^"]+" cannot represent)[\s\S]*$/, '$1 this value.');
}

export function validationMessageZh(message: string): string {
  for (const [pattern, zh] of VALIDATION_ZH) {
    const match = pattern.exec(message);
    if (match) return `查询无效：${zh(...match.slice(1))}`;
  }
  return '查询未通过校验（详见英文说明）';
}

/**
 * graphql-js's variable coercion messages quote the value ("got invalid value 13800138000"): the
 * value is personal data as often as not, so only the variable's name and path are kept.
 */
export function variableMessage(message: string): Bilingual {
  const name = /^Variable "\$([A-Za-z_]\w*)"/.exec(message)?.[1];
  if (!name) return { zh: '变量无效', en: 'A variable is invalid' };
  if (/was not provided/.test(message)) return { zh: `缺少必填变量 $${name}`, en: `Variable "$${name}" of a required type was not provided` };
  if (/must not be null/.test(message)) return { zh: `变量 $${name} 不能为 null`, en: `Variable "$${name}" must not be null` };
  const at = /got invalid value .*? at "([\w.[\]$]{1,120})"/.exec(message)?.[1];
  const where = at ? ` at "${at}"` : '';
  return { zh: `变量 $${name} 的值无效或类型不符${at ? `（${at}）` : ''}`, en: `Variable "$${name}" got an invalid value${where}` };
}
