import { Migration } from '@mikro-orm/migrations';

/**
 * The functions every work-order write runs, in PL/pgSQL with the same bodies (issue 15).
 *
 * Each keeps its SQL text, wrapped in PL/pgSQL (`begin <statement>; end`, or `begin return (<query>);
 * end`): PL/pgSQL keeps a statement's plan for the session.
 *
 * 1. minyi_search_grams(title, content). The SQL-language body of Migration20261207120000 is not inlinable (it has a sub-select), and
 * PostgreSQL before 18 plans such a body afresh on every call: on the machine's PostgreSQL 15 that
 * was about 10 ms per order (PostgreSQL 18, which caches SQL-function plans: about 0.2 ms). The
 * function is the expression of the GIN index work_order_search_grams_index, so every insert and
 * every non-HOT update of work_order paid it (a status change, a dispatch, an analyser mark): on
 * PostgreSQL 15, updating 100 orders took 1,495 ms with the index and 26 ms without. Wrapped: about
 * 0.2 ms on either version. The keys are the same text's (test/search.test.ts compares the two
 * definitions), so the index stays valid without a rebuild, and the body still makes no search_path
 * lookup, so a dump restores the index.
 *
 * 2. kpi_append_orders / kpi_append_callbacks / kpi_append_extensions, which the KPI statement
 * triggers call on every write of work_order, callback and extension_request (Migration
 * 20261122101503): the same single statement, wrapped in PL/pgSQL so that its plan is kept for the
 * session (on PostgreSQL 15, in one session on a loaded machine: about 30 % less time per call).
 *
 * The bodies are taken from the installed functions, so the rules stay those of their migrations;
 * down() unwraps them.
 */
const FUNCTIONS = `'minyi_search_grams', 'kpi_append_orders', 'kpi_append_callbacks', 'kpi_append_extensions'`;

/**
 * Re-creates each function of FUNCTIONS written in `from` in the language `to`, with its arguments,
 * result, volatility, parallel safety and cost: `wrap` turns the old body (SQL text `body`, result
 * type `result`) into the new one.
 */
const convert = (from: string, to: string, wrap: string) => `do $do$
declare f record;
begin
  for f in select p.proname, pg_get_function_arguments(p.oid) as args, pg_get_function_result(p.oid) as result, p.prosrc as body, p.procost,
                  case p.provolatile when 'i' then 'immutable' when 's' then 'stable' else 'volatile' end as volatility,
                  case p.proparallel when 's' then 'parallel safe' when 'r' then 'parallel restricted' else 'parallel unsafe' end as parallel
             from pg_proc p
            where p.proname in (${FUNCTIONS}) and p.prolang = (select oid from pg_language where lanname = '${from}') loop
    execute format('create or replace function %I(%s) returns %s language ${to} %s %s cost %s as %L',
      f.proname, f.args, f.result, f.volatility, f.parallel, f.procost, ${wrap});
  end loop;
end
$do$;`;

export class Migration20270101120000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(convert('sql', 'plpgsql', `case when f.result = 'void' then 'begin ' || rtrim(f.body, E' \\n\\t;') || '; end'
                                                 else 'begin return (' || rtrim(f.body, E' \\n\\t;') || '); end' end`));
  }

  override async down(): Promise<void> {
    this.addSql(
      convert(
        'plpgsql',
        'sql',
        `case when f.result = 'void' then regexp_replace(f.body, '^begin (.*); end$', '\\1')
              else regexp_replace(f.body, '^begin return \\((.*)\\); end$', '\\1') end`,
      ),
    );
  }

}
