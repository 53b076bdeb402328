import WebSocket from 'ws';

/**
 * One client process of `npm run bench:subscriptions` (started by bench/subscriptions.ts with an
 * IPC channel): opens CLIENT_COUNT graphql-ws connections (protocol graphql-transport-ws, spoken
 * directly over `ws` to keep the clients' own CPU small on a shared machine), subscribes each with
 * QUERY, and records the wall-clock receipt time of every `next` message by the event's bench
 * sequence number (carried in the event's text as "bench <n>").
 *
 * IPC: → {type: 'ready', connected, failed}; ← {type: 'count'} → {type: 'count', received};
 * ← {type: 'report'} → {type: 'report', receipts: {[seq]: times[]}}.
 */
const URL = process.env.WS_URL!;
const TOKEN = process.env.TOKEN!;
const COUNT = Number(process.env.CLIENT_COUNT);
const QUERY = process.env.QUERY!;
/** Connections being opened at once. */
const CONCURRENCY = 50;

const receipts = new Map<number, number[]>();
let received = 0;
const sockets: WebSocket[] = [];
const SEQ = /bench (\d+)/;

function open(): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(URL, 'graphql-transport-ws', { perMessageDeflate: false });
    const timer = setTimeout(() => reject(new Error('connect timeout')), 60_000);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${TOKEN}` } })));
    ws.on('message', (data: Buffer) => {
      const at = Date.now();
      const text = data.toString();
      if (text.includes('"type":"next"')) {
        const seq = Number(SEQ.exec(text)?.[1] ?? -1);
        let times = receipts.get(seq);
        if (!times) receipts.set(seq, (times = []));
        times.push(at);
        received++;
      } else if (text.includes('"connection_ack"')) {
        ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY } }));
        clearTimeout(timer);
        resolve();
      } else if (text.includes('"type":"error"')) {
        process.stderr.write(`subscription error: ${text}\n`);
      }
    });
    ws.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    sockets.push(ws);
  });
}

async function main() {
  let next = 0;
  let connected = 0;
  let failed = 0;
  const worker = async () => {
    while (next < COUNT) {
      next++;
      try {
        await open();
        connected++;
      } catch (error) {
        failed++;
        if (failed <= 3) process.stderr.write(`connect failed: ${(error as Error).message}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  process.send!({ type: 'ready', connected, failed });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'count') process.send!({ type: 'count', received });
    if (message.type === 'report') process.send!({ type: 'report', receipts: Object.fromEntries(receipts) });
    if (message.type === 'close') {
      for (const ws of sockets) ws.terminate();
      process.exit(0);
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
