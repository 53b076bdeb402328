/**
 * The reference-data vocabulary (基础数据词汇) as plain enums: kinds of unit, region levels, channel
 * kinds and modes, liaison roles, the editable reference tables. Connector manifests read ChannelMode
 * from here without loading any entity or GraphQL code; GraphQL registers them in graphql/enums.ts.
 */

/** 单位类型 kind of unit (001 附件2). */
export enum DepartmentKind {
  COUNTY_DEPARTMENT = 'COUNTY_DEPARTMENT',
  TOWNSHIP = 'TOWNSHIP',
  SUB_UNIT = 'SUB_UNIT',
  ENTERPRISE = 'ENTERPRISE',
  PEOPLE_ORGANISATION = 'PEOPLE_ORGANISATION',
}

/** 行政区划层级 administrative level (统计用区划代码). */
export enum RegionLevel {
  COUNTY = 'COUNTY',
  TOWNSHIP = 'TOWNSHIP',
  VILLAGE = 'VILLAGE',
}

/** 渠道类型 kind of channel (001 附件1). */
export enum ChannelKind {
  HOTLINE = 'HOTLINE',
  MESSAGE_BOARD = 'MESSAGE_BOARD',
  PETITION = 'PETITION',
  WEB = 'WEB',
}

/** 汇聚方式 (channels README "Modes"): who answers the citizen. */
export enum ChannelMode {
  INTERCONNECT = 'INTERCONNECT',
  FORWARD = 'FORWARD',
  MERGED = 'MERGED',
}

/** 联络人类型 role of a 24-hour contact (001 附件2: one liaison officer, one leader in charge). */
export enum LiaisonRole {
  LIAISON = 'LIAISON',
  LEADER = 'LEADER',
}

/** GraphQL names of the reference tables; the values are the table names stored in the audit. */
export enum ReferenceTableName {
  DEPARTMENT = 'department',
  CATEGORY = 'category',
  REGION = 'region',
  RESPONSIBILITY_RULE = 'responsibility_rule',
  CATEGORY_MAPPING = 'category_mapping',
}
