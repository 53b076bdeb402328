import { AbstractSqlDriver, PostgreSqlConnection, PostgreSqlPlatform, type Configuration } from '@mikro-orm/postgresql';
import { namesStatements, preparedFailure, preparedName } from './prepared';

type Method = 'all' | 'get' | 'run';
type Plain = string | number | boolean | bigint | null | undefined | Date;

const isPlain = (value: unknown): value is Plain =>
  value === null || value === undefined || value instanceof Date || ['string', 'number', 'boolean', 'bigint'].includes(typeof value);

/**
 * MikroORM inlines every parameter into the SQL text it sends (`Platform.formatQuery`). Then the
 * values a citizen typed travel inside statements: in PostgreSQL's own error and slow-query logs,
 * in pg_stat_activity, and in the message of every SQL error (which a log line may carry). This
 * connection sends plain values (strings, numbers, booleans, null, dates) as bound parameters
 * ($1, $2 … over the wire) instead. A date is sent as the very text MikroORM would have inlined,
 * so PostgreSQL reads the same value. Anything else (raw fragments, arrays, JSON objects) keeps
 * MikroORM's own formatting.
 */
export class BoundPostgreSqlConnection extends PostgreSqlConnection {
  /** Named statements for registered texts (db/prepared.ts): off when the ORM was opened without them, or once a pooler refused one. */
  private namedStatements = (this.config.get('driverOptions') as { minyiPreparedStatements?: boolean }).minyiPreparedStatements !== false;
  /** Part of every statement name: raised when a migration made the prepared ones stale. */
  private generation = 0;

  override async execute<T>(
    queryOrKnex: unknown,
    params: unknown[] = [],
    method: Method = 'all',
    ctx?: unknown,
    loggerContext?: Record<string, unknown>,
  ): Promise<T> {
    // Outside a transaction (a refused named statement runs again unnamed), or in one marked by nameStatementsIn.
    const naming = typeof queryOrKnex === 'string' && this.namedStatements && (!ctx || namesStatements(ctx));
    const name = naming ? preparedName(queryOrKnex as string, this.generation) : undefined;
    if (typeof queryOrKnex !== 'string' || (!params.length && !name) || !params.every(isPlain)) {
      return super.execute(queryOrKnex as string, params, method, ctx as never, loggerContext as never) as Promise<T>;
    }
    await this.ensureConnection();
    const sql = this.config.get('onQuery')(queryOrKnex, params);
    const bindings = params.map((p) => (p === undefined ? null : p instanceof Date ? this.platform.quoteValue(p).slice(1, -1) : p));
    const knex = this.getKnex();
    const run = async (statementName?: string) => {
      // Without values, no placeholders either (a `?` in the text is an operator, as MikroORM sends it).
      const query = bindings.length ? knex.raw(sql, bindings as never) : knex.raw(sql);
      if (ctx) query.transacting(ctx as never);
      if (statementName) query.options({ name: statementName });
      return this.transformRawResult<T>(await query, method);
    };
    return this.executeQuery(
      knex.client.positionBindings(sql),
      async () => {
        if (!name) return run();
        try {
          return await run(name);
        } catch (error) {
          const failure = preparedFailure(error);
          if (!failure) throw error;
          if (failure === 'stale') this.generation++;
          else {
            this.namedStatements = false;
            this.logger.warn('query', 'named statements refused (a pooler in transaction mode?): running unnamed; set DATABASE_PREPARED_STATEMENTS=0');
          }
          // In a transaction the failed statement aborted it: the caller's run fails once (and is run again).
          if (ctx) throw error;
          return run(failure === 'stale' ? preparedName(queryOrKnex, this.generation) : undefined);
        }
      },
      { query: sql, params, ...loggerContext },
    );
  }
}

/** The PostgreSQL driver with bound parameters (see BoundPostgreSqlConnection). */
export class BoundPostgreSqlDriver extends AbstractSqlDriver<BoundPostgreSqlConnection, PostgreSqlPlatform> {
  constructor(config: Configuration) {
    super(config, new PostgreSqlPlatform(), BoundPostgreSqlConnection, ['knex', 'pg']);
  }
}
