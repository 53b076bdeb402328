import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { Pool } from 'pg';
import { toGlobalId, encodeCursor } from '../src/common/relay';

/**
 * The hand-written baseline for `npm run bench:api`: the same token check and the same result
 * shape as the hub's frontend list query, in two SQL statements over plain `pg`, no GraphQL. A body
 * with `operationName: "OrderPage"` and `variables.code` answers the bench's order page instead (one
 * order with timeline, assignments, replies, callbacks and sources): the token check and one
 * statement that builds the JSON in PostgreSQL.
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

/** timestamptz as the hub answers it (`Date#toISOString()`: UTC, milliseconds). */
const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const ref = (alias: string) => `json_build_object('code', ${alias}.code, 'name', ${alias}.name)`;
const ORDER = `
select wo.id, json_build_object(
  'code', wo.code, 'title', wo.title, 'content', wo.content, 'status', wo.status, 'requestType', wo.request_type,
  'urgency', wo.urgency, 'receivedAt', ${iso('wo.received_at')}, 'dueAt', ${iso('wo.due_at')},
  'channel', ${ref('c')},
  'leadDepartment', case when d.id is null then null else ${ref('d')} end,
  'category', case when cat.id is null then null else ${ref('cat')} end,
  'timeline', coalesce((select json_agg(json_build_object('type', e.type, 'occurredAt', ${iso('e.occurred_at')}, 'fromStatus', e.from_status,
      'toStatus', e.to_status, 'actorRole', e.actor_role, 'actorLabel', e.actor_label, 'reason', e.reason) order by e.id)
    from work_order_event e where e.work_order_id = wo.id), '[]'),
  'assignments', coalesce((select json_agg(json_build_object('role', a.role, 'status', a.status, 'assignedAt', ${iso('a.assigned_at')},
      'signedAt', ${iso('a.signed_at')}, 'dueAt', ${iso('a.due_at')}, 'department', ${ref('ad')}) order by a.assigned_at, a.id)
    from assignment a join department ad on ad.id = a.department_id where a.work_order_id = wo.id), '[]'),
  'replies', coalesce((select json_agg(json_build_object('content', r.content, 'result', r.result, 'reviewStatus', r.review_status,
      'handlerName', r.handler_name, 'submittedAt', ${iso('r.submitted_at')}, 'department', ${ref('rd')}) order by r.submitted_at, r.id)
    from reply r join department rd on rd.id = r.department_id where r.work_order_id = wo.id), '[]'),
  'callbacks', coalesce((select json_agg(json_build_object('calledAt', ${iso('cb.called_at')}, 'contacted', cb.contacted, 'resolved', cb.resolved,
      'processSatisfaction', cb.process_satisfaction, 'resultSatisfaction', cb.result_satisfaction, 'comment', cb.comment) order by cb.called_at, cb.id)
    from callback cb where cb.work_order_id = wo.id), '[]'),
  'sources', coalesce((select json_agg(json_build_object('externalId', s.external_id, 'channelStatus', s.channel_status,
      'firstSeenAt', ${iso('s.first_seen_at')}, 'lastSeenAt', ${iso('s.last_seen_at')}, 'channel', ${ref('sc')}) order by s.first_seen_at, s.id)
    from work_order_source s join channel sc on sc.id = s.channel_id where s.work_order_id = wo.id), '[]')
)::text as page
  from work_order wo
  join channel c on c.id = wo.channel_id
  left join department d on d.id = wo.lead_department_id
  left join category cat on cat.id = wo.category_id
 where wo.code = $1`;

async function handle(authorization: string | undefined, requestBody: string): Promise<{ status: number; body: unknown }> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  statements++;
  const auth = token ? await pool.query(AUTH, [createHash('sha256').update(token).digest('hex')]) : { rowCount: 0 };
  if (!auth.rowCount) return { status: 200, body: { errors: [{ message: 'unauthenticated', extensions: { code: 'UNAUTHENTICATED' } }] } };
  const request = JSON.parse(requestBody || '{}') as { operationName?: string; variables?: { code?: string } };
  if (request.operationName === 'OrderPage') {
    statements++;
    const { rows } = await pool.query(ORDER, [request.variables?.code ?? null]);
    const order = rows[0] as { id: number; page: string } | undefined;
    // The JSON comes built from PostgreSQL: only the global ID is put in front of it.
    return {
      status: 200,
      body: order ? `{"data":{"workOrder":{"id":${JSON.stringify(toGlobalId('WorkOrder', order.id))},${order.page.slice(1)}}}` : '{"data":{"workOrder":null}}',
    };
  }
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
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    handle(req.headers.authorization, Buffer.concat(chunks).toString('utf8'))
      .then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
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
