import { formatShanghaiIso } from '../../src/common/time';
import { OpenRecords, type DemoChannel } from '../../src/demo/trickle/channel';
import { PushSender } from './demo-sender';
import { DailySerial } from '../../src/demo/trickle/serials';

/**
 * A web platform that pushes to the hub (push-api.md; e.g. 问政赣州 `wzgz`): netizens' messages as
 * canonical records (§4), sent to this hub's own `/intake/{code}` with the channel's demo secret,
 * then sent again as new versions (§5) when the platform's status moves on or a record is
 * re-classified.
 */

interface PushRecord {
  externalId: string;
  version: number;
  requestType: string;
  title: string;
  content: string;
  citizen: Record<string, unknown>;
  address: string | null;
  regionCode: string;
  occurredAt: string | null;
  receivedAt: string;
  urgency: 'normal' | 'urgent';
  categoryHint: string;
  attachments: [];
  channelStatus: string;
  updatedAt: string;
}

/** The platform's own statuses (stored verbatim, push-api.md §4 channelStatus), weighted next steps. */
const NEXT_STATUS: Readonly<Record<string, ReadonlyArray<readonly [string, number]>>> = {
  待处理: [
    ['已受理', 90],
    ['不予受理', 10],
  ],
  已受理: [['已转办', 100]],
  已转办: [['办理中', 100]],
  办理中: [['已答复', 100]],
  已答复: [['已办结', 100]],
};

/** A re-classification the platform's editors make (requestType → requestType). */
const RECLASSIFY: Readonly<Record<string, string>> = { consultation: 'help', help: 'complaint', complaint: 'report', suggestion: 'consultation' };

const iso = (at: Date) => formatShanghaiIso(at);

/** A push channel of the trickle; `code` must be a push channel with a secret (demo mode makes one). */
export function pushDemoChannel(code: string): DemoChannel {
  const prefix = code.toUpperCase();
  return {
    code,
    async start(context, seed) {
      const secret = context.pushSecrets.get(code)?.[0];
      if (!secret) throw new Error(`demo trickle: no intake secret for push channel ${code}`);
      const { content } = context;
      const r = content.random;
      const sender = new PushSender(code, `${context.hubOrigin}/intake/${code}`, secret, context.log);
      const serials = new DailySerial(6);
      const open = new OpenRecords<PushRecord>(content);

      const add = (): PushRecord => {
        const now = new Date();
        const m = content.matter([], '网民');
        const person = content.person();
        const received = content.minutesBefore(now, 1, 30);
        const { day, serial } = serials.next(now);
        const record: PushRecord = {
          externalId: `${prefix}-${day.slice(0, 4)}-${day.slice(4)}-${serial}`,
          version: 1,
          requestType: m.requestType.toLowerCase(),
          title: m.title,
          content: m.content,
          citizen: r.chance(0.3)
            ? { anonymous: true }
            : {
                name: person.name,
                phone: r.chance(0.5) ? `+86${person.mobile}` : person.mobile,
                idNumber: r.chance(0.2) ? person.idNumber : null,
                anonymous: false,
              },
          address: r.chance(0.8) ? m.address : null,
          regionCode: r.chance(0.85) ? m.township.code : '360704',
          occurredAt: r.chance(0.5) ? iso(content.minutesBefore(received, 30, 3000)) : null,
          receivedAt: iso(received),
          urgency: m.urgent && r.chance(0.6) ? 'urgent' : 'normal',
          categoryHint: content.categoryPath(m.categoryCode),
          attachments: [],
          channelStatus: '待处理',
          updatedAt: iso(now),
        };
        sender.enqueue(record);
        return record;
      };

      const update = (record: PushRecord): boolean => {
        const next = NEXT_STATUS[record.channelStatus];
        if (!next) return false;
        record.version++;
        record.updatedAt = iso(new Date());
        const reclassified = RECLASSIFY[record.requestType];
        if (reclassified && r.chance(0.15)) record.requestType = reclassified;
        else record.channelStatus = r.weighted(next);
        sender.enqueue(record);
        return NEXT_STATUS[record.channelStatus] !== undefined;
      };

      for (let i = 0; i < seed; i++) open.remember(add());
      await sender.flush();
      return {
        code,
        async tick() {
          const action = await open.tick(add, update);
          await sender.flush();
          return action;
        },
        async stop() {
          // Nothing runs between ticks; what is still queued is dropped with the demo.
        },
      };
    },
  };
}
