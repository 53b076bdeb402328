import { Connector12315 } from './client';
import { makeConfig12315 } from './config';
import { SAMPLE_TOKEN, Simulator12315 } from './simulator';
import { formatShanghaiIso } from '../../src/common/time';
import type { DemoRequestType } from '../../src/demo/data/texts';
import { pullDemoChannel } from '../../src/demo/trickle/channel';
import { DailySerial } from '../../src/demo/trickle/serials';

/**
 * 12315 (12315.md): consumer cases of 市场监管 about 赣县区 appear on the simulator's platform, then
 * move on as §4.1 allows — accepted, mediated, closed; sometimes not accepted, withdrawn or moved to
 * another authority; and re-classified between 投诉 and 举报 (§4 caseType "may change").
 */

/** README "Request-type mapping", 12315 column, read backwards (12315 knows only TS/JB/ZX). */
const CASE_TYPE: Readonly<Record<DemoRequestType, 'TS' | 'JB' | 'ZX'>> = {
  COMPLAINT: 'TS',
  HELP: 'TS',
  OTHER: 'TS',
  REPORT: 'JB',
  CONSULTATION: 'ZX',
  SUGGESTION: 'ZX',
  PRAISE: 'ZX',
};

/** The platform's goodsOrService wording for the hub's 市场监管 categories. */
const GOODS: Readonly<Record<string, readonly string[]>> = {
  '100101': ['预包装食品', '散装熟食（卤菜）', '食用农产品'],
  '100102': ['餐饮服务', '外卖餐品'],
  '100103': ['药品', '医疗器械（理疗仪）'],
  '100201': ['手机', '定制家具', '家用电器', '汽车维修服务'],
  '100202': ['预付式消费（健身卡）', '预付式消费（美容美发卡）'],
  '100203': ['电动自行车', '建材（瓷砖）'],
  '100301': ['停车服务', '商品价格'],
  '100401': ['电梯'],
  '100402': ['气瓶', '锅炉'],
  '100501': ['食品生产加工', '废旧物资回收'],
  '100502': ['保健食品', '计量器具'],
};

/** §4.1: where a case goes next, with weights; statuses not listed are final here. */
const NEXT_STATUS: Readonly<Record<string, ReadonlyArray<readonly [string, number]>>> = {
  WAIT_ACCEPT: [
    ['ACCEPTED', 85],
    ['NOT_ACCEPTED', 10],
    ['TRANSFERRED', 5],
  ],
  ACCEPTED: [
    ['MEDIATING', 60],
    ['CLOSED', 25],
    ['WITHDRAWN', 8],
    ['TRANSFERRED', 7],
  ],
  MEDIATING: [
    ['CLOSED', 85],
    ['WITHDRAWN', 15],
  ],
};

/** USCC pattern characters (12315.md §4 respondent.uscc; the check digit is not verified). */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export const demo12315 = pullDemoChannel<string>('12315', async (content) => {
  const r = content.random;
  const sim = await Simulator12315.start({ seed: false, clock: new Date() });
  const connector = new Connector12315(
    makeConfig12315({ baseUrl: sim.url, tokens: [SAMPLE_TOKEN], startWatermark: formatShanghaiIso(new Date(Date.now() - 3600_000)) }),
  );
  const serials = new DailySerial(6);

  return {
    connector,
    add() {
      const now = sim.now();
      const m = content.matter(['10'], '消费者');
      const caseType = CASE_TYPE[m.requestType];
      const person = content.person();
      const { day, serial } = serials.next(now);
      const caseNo = `${day}360704${serial}`;
      const accepted = content.minutesBefore(now, 2, 90);
      const goods = GOODS[m.categoryCode];
      const respondent = {
        name: `赣州市赣县区${m.company}`,
        uscc: r.chance(0.7) ? `91360704${Array.from({ length: 10 }, () => r.pick([...USCC_CHARS])).join('')}` : null,
        address: `江西省赣州市${m.address}`,
      };
      sim.addCase({
        caseNo,
        caseType,
        acceptTime: formatShanghaiIso(accepted, { millis: false }).slice(0, 19).replace('T', ' '),
        consumer:
          caseType !== 'TS' && r.chance(0.3)
            ? { name: null, mobile: null }
            : { name: person.name, mobile: person.mobile, ...(r.chance(0.3) ? { idCard: person.idNumber } : {}) },
        respondent: caseType === 'ZX' ? null : respondent,
        goodsOrService: goods && r.chance(0.85) ? r.pick(goods) : null,
        amountInvolved: r.chance(0.6) ? `${r.int(20, 9000)}.${r.chance(0.7) ? '00' : String(r.int(10, 99))}` : null,
        content: m.content,
        regionCode: r.chance(0.85) ? m.township.code : '360704',
        status: r.chance(0.7) ? 'WAIT_ACCEPT' : 'ACCEPTED',
        updatedAt: formatShanghaiIso(now),
      });
      return caseNo;
    },
    update(caseNo) {
      const c = sim.getCase(caseNo);
      const next = c && NEXT_STATUS[String(c.status)];
      if (!c || !next) return false;
      // Re-classification between 投诉 and 举报 (a complaint needs a named consumer, §4).
      const named = (c.consumer as { name?: string | null } | null)?.name != null;
      if ((c.caseType === 'TS' || (c.caseType === 'JB' && named)) && r.chance(0.2)) {
        sim.updateCase(caseNo, { caseType: c.caseType === 'TS' ? 'JB' : 'TS' });
        return true;
      }
      const status = r.weighted(next);
      sim.updateCase(caseNo, { status });
      return NEXT_STATUS[status] !== undefined;
    },
    stop: () => sim.stop(),
  };
});
