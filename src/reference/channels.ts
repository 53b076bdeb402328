import { ChannelKind, ChannelMode } from './vocabulary';

export interface ChannelSeed {
  code: string;
  name: string;
  kind: ChannelKind;
  mode: ChannelMode;
  pulled: boolean;
  /** 管理部门 (001 附件1 民意信息平台整合汇聚清单). */
  managingDepartmentCode: string;
}

/** The channels of 001 附件1 and ../shared/channels/README.md. */
export const CHANNELS: ChannelSeed[] = [
  { code: '12345', name: '12345政务服务便民热线', kind: ChannelKind.HOTLINE, mode: ChannelMode.MERGED, pulled: false, managingDepartmentCode: 'RX12345' },
  { code: '12315', name: '市场监管12315热线', kind: ChannelKind.HOTLINE, mode: ChannelMode.INTERCONNECT, pulled: true, managingDepartmentCode: 'SCJGJ' },
  { code: '12333', name: '人社12333热线', kind: ChannelKind.HOTLINE, mode: ChannelMode.INTERCONNECT, pulled: true, managingDepartmentCode: 'RSJ' },
  { code: '12328', name: '交通运输12328热线', kind: ChannelKind.HOTLINE, mode: ChannelMode.MERGED, pulled: true, managingDepartmentCode: 'JTYSJ' },
  { code: 'board', name: '人民网领导留言板', kind: ChannelKind.MESSAGE_BOARD, mode: ChannelMode.FORWARD, pulled: true, managingDepartmentCode: 'ZFB' },
  {
    code: 'xf',
    name: '赣州市数字信访“一网通”服务平台',
    kind: ChannelKind.PETITION,
    mode: ChannelMode.INTERCONNECT,
    pulled: true,
    managingDepartmentCode: 'XFJ',
  },
  { code: 'wzjx', name: '问政江西', kind: ChannelKind.WEB, mode: ChannelMode.MERGED, pulled: false, managingDepartmentCode: 'XZSPJ' },
  { code: 'wzgz', name: '问政赣州', kind: ChannelKind.WEB, mode: ChannelMode.MERGED, pulled: false, managingDepartmentCode: 'XZSPJ' },
  { code: 'gwy-dc', name: '国务院“互联网+督查”', kind: ChannelKind.WEB, mode: ChannelMode.MERGED, pulled: false, managingDepartmentCode: 'ZFB' },
  { code: 'govcn-ly', name: '中国政府网留言', kind: ChannelKind.WEB, mode: ChannelMode.MERGED, pulled: false, managingDepartmentCode: 'XZSPJ' },
];

/** Channels whose owners push their records (push-api.md): neither pulled nor the 12345 centre itself. */
export const PUSH_CHANNEL_CODES: readonly string[] = CHANNELS.filter((c) => !c.pulled && c.code !== '12345').map((c) => c.code);
