import { Migration } from '@mikro-orm/migrations';

/**
 * 工单检索索引 Index for `workOrders(filter: { text })` (src/work-orders/work-order-search.ts).
 *
 * minyi_search_text(title, content): title + ' ' + content, full-width ASCII → half-width,
 * U+3000 → space, A–Z → a–z (the table of src/work-orders/search-text.ts, built here by the same
 * rule; test/search.test.ts compares the two).
 * minyi_search_grams(title, content): every character and every pair of adjacent characters of
 * that text, GIN-indexed, so that a word of one or two characters (most Chinese complaint words)
 * is found through the index too — pg_trgm needs three. No extension is needed.
 * Both functions are self-contained (no search_path lookups): a dump restores the index.
 */
export class Migration20261207120000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`do $do$
declare
  fold_from text := '';
  fold_to text := '';
  folded text;
begin
  for c in 65281..65374 loop
    fold_from := fold_from || chr(c);
    fold_to := fold_to || chr(case when c - 65248 between 65 and 90 then c - 65216 else c - 65248 end);
  end loop;
  fold_from := fold_from || chr(12288) || 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  fold_to := fold_to || ' ' || 'abcdefghijklmnopqrstuvwxyz';
  -- translate() costs ≈ 50 µs on a 100-character text: only when there is something to fold.
  folded := format('(case when %1$s ~ %2$L then translate(%1$s, %3$L, %4$L) else %1$s end)',
    '(coalesce(title, '''') || '' '' || coalesce(content, ''''))',
    '[A-Z' || chr(65281) || '-' || chr(65374) || chr(12288) || ']', fold_from, fold_to);
  execute format('create function minyi_search_text(title text, content text) returns text language sql immutable parallel safe as %L',
    'select ' || folded);
  -- cost 1000: tell the planner a call is expensive (≈ 0.1 ms), so it reads the index instead of calling it per row.
  execute format('create function minyi_search_grams(title text, content text) returns text[] language sql immutable parallel safe cost 1000 as %L',
    'select regexp_split_to_array(s, '''') || array(select substr(s, i, 2) from generate_series(1, length(s) - 1) as i) from (select '
      || folded || ' as s) as x');
end
$do$;`);
    this.addSql(`create index "work_order_search_grams_index" on "work_order" using gin (minyi_search_grams("title", "content"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "work_order_search_grams_index";`);
    this.addSql(`drop function minyi_search_grams(text, text);`);
    this.addSql(`drop function minyi_search_text(text, text);`);
  }

}
