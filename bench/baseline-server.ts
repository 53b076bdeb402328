import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { Pool } from 'pg';
import { toGlobalId, encodeCursor } from '../src/common/relay';

/**
 * The hand-written baseline for `npm run bench:api`: the same token check and the same result
 * shape as the hub's frontend list query, in two SQL statements over plain `pg`, no GraphQL.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
let statements = 0;

const AUTH = `select id from api_token where token_hash = $1 and revoked_at is null and (expires_at is null or expires_at > now())`;
const LIST = `
select wo.id, wo.code, wo.title, wo.status, wo.request_type, wo.urgency, wo.received_at, wo.due_at, wo.received_at::text as sort_key,
       c.id as channel_id, c.code as channel_code, c.name as channel_name,
       d.id as department_id, d.code as department_code, d.name as department_name,
       cat.id as category_id, cat.code as category_code, cat.name as category_name,
       r.id as reply_id, r.content as reply_content, r.submitted_at as reply_submitted_at
  from work_order wo
  join channel c on c.id = wo.channel_id
  left join department d on d.id = wo.lead_department_id
  left join category cat on cat.id = wo.category_id
  left join lateral (select id, content, submitted_at from reply where work_order_id = wo.id
                      order by submitted_at desc, id desc limit 1) r on true
 order by wo.received_at desc, wo.id desc
 limit $1`;

async function handle(authorization: string | undefined): Promise<{ status: number; body: unknown }> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  statements++;
  const auth = token ? await pool.query(AUTH, [createHash('sha256').update(token).digest('hex')]) : { rowCount: 0 };
  if (!auth.rowCount) return { status: 200, body: { errors: [{ message: 'unauthenticated', extensions: { code: 'UNAUTHENTICATED' } }] } };
  statements++;
  const { rows } = await pool.query(LIST, [51]);
  const page = rows.slice(0, 50);
  const edges = page.map((row) => ({
    cursor: encodeCursor([row.sort_key, row.id]),
    node: {
      id: toGlobalId('WorkOrder', row.id),
      code: row.code,
      title: row.title,
      status: row.status,
      requestType: row.request_type,
      urgency: row.urgency,
      receivedAt: row.received_at.toISOString(),
      dueAt: row.due_at?.toISOString() ?? null,
      channel: { code: row.channel_code, name: row.channel_name },
      leadDepartment: row.department_id ? { code: row.department_code, name: row.department_name } : null,
      category: row.category_id ? { code: row.category_code, name: row.category_name } : null,
      latestReply: row.reply_id ? { content: row.reply_content, submittedAt: row.reply_submitted_at.toISOString() } : null,
    },
  }));
  return {
    status: 200,
    body: { data: { workOrders: { edges, pageInfo: { hasNextPage: rows.length > 50, endCursor: edges[edges.length - 1]?.cursor ?? null } } } },
  };
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ statements }));
    return;
  }
  req.resume();
  req.on('end', () => {
    handle(req.headers.authorization)
      .then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      })
      .catch((error) => {
        res.writeHead(500);
        res.end(String(error));
      });
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`baseline listening on ${typeof address === 'object' && address ? address.port : ''}`);
});
