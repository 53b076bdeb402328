// Builds eval/hot/<set>.jsonl and eval/hot/briefs.md from the hand-written sources eval/hot/src/<set>-*.txt.
// The texts are written by hand in the sources; this only parses them, resolves township names to
// codes (src/reference/townships.ts), gives callers fake phone numbers, and checks the rules
// (content 30–220 characters, known channel, times inside the two weeks).
//   node eval/hot/build.mjs            # both sets (refuses to change frozen.jsonl unless --refreeze)
//   node eval/hot/build.mjs --check    # parse and report only
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const args = new Set(process.argv.slice(2));

const townshipSource = readFileSync(join(root, 'src/reference/townships.ts'), 'utf8');
const TOWNSHIP = new Map([...townshipSource.matchAll(/code: '(\d{12})', name: '([^']+)'/g)].map((m) => [m[2], m[1]]));
const COUNTY = '360704';
const CHANNELS = new Set(['12345', '12315', '12333', '12328', 'board', 'xf', 'wzjx', 'wzgz', 'gwy-dc', 'govcn-ly']);
const PUSH = new Set(['wzjx', 'wzgz', 'gwy-dc', 'govcn-ly']);
const SETS = { frozen: { prefix: 'F', phone: '1390000', month: '2026-11' }, dev: { prefix: 'D', phone: '1380000', month: '2026-11' } };

function regionOf(name, where) {
  if (name === 'C') return COUNTY;
  const code = TOWNSHIP.get(name);
  if (!code) throw new Error(`${where}: unknown township ${name}`);
  return code;
}

function parseRecordFields(fields, where) {
  if (fields.length < 6) throw new Error(`${where}: expected 6 fields, got ${fields.length}`);
  const [when, channelField, caller, hint, title, ...rest] = fields;
  const content = rest.join('|').trim();
  const m = /^(\d{1,2}) (\d{2}):(\d{2})$/.exec(when);
  if (!m) throw new Error(`${where}: bad time ${when}`);
  const [channel, regionOverride] = channelField.split('@');
  if (!CHANNELS.has(channel)) throw new Error(`${where}: unknown channel ${channel}`);
  return {
    day: Number(m[1]),
    hh: m[2],
    mm: m[3],
    channel,
    regionOverride,
    caller: caller === '-' ? null : caller,
    hint: hint === '-' ? null : hint,
    title: title === '-' ? null : title,
    content,
  };
}

function parseSet(set) {
  const files = readdirSync(join(here, 'src'))
    .filter((f) => f.startsWith(`${set}-`) && f.endsWith('.txt'))
    .sort();
  const matters = [];
  let current = null;
  let singletons = 0;
  for (const file of files) {
    const lines = readFileSync(join(here, 'src', file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      const where = `${file}:${i + 1}`;
      line = line.trim();
      if (!line || line.startsWith('#')) return;
      if (line.startsWith('== ')) {
        const [id, township, category, burst, chronic, ...note] = line
          .slice(3)
          .split('|')
          .map((s) => s.trim());
        current = {
          id,
          township,
          category: category === '-' ? null : category,
          burst: burst === '-' ? null : burst,
          chronic: chronic === '-' ? null : chronic,
          hardNegativeOf: note.join('|') === '-' ? null : note.join('|'),
          brief: '',
          records: [],
          where,
        };
        regionOf(township, where);
        matters.push(current);
        return;
      }
      if (line.startsWith('brief:')) {
        current.brief = line.slice(6).trim();
        return;
      }
      if (line.startsWith('- ')) {
        const fields = line
          .slice(2)
          .split('|')
          .map((s) => s.trim());
        const [township, category, note, brief, ...rest] = fields;
        singletons++;
        const id = `${SETS[set].prefix}-S${String(singletons).padStart(3, '0')}`;
        regionOf(township, where);
        matters.push({
          id,
          township,
          category: category === '-' ? null : category,
          burst: null,
          chronic: null,
          hardNegativeOf: note === '-' ? null : note,
          brief,
          records: [parseRecordFields(rest, where)],
          where,
        });
        current = null;
        return;
      }
      if (!current) throw new Error(`${where}: record outside a matter`);
      current.records.push(
        parseRecordFields(
          line.split('|').map((s) => s.trim()),
          where,
        ),
      );
    });
  }
  return matters;
}

function firstClause(content) {
  const cleaned = content
    .replace(/^尊敬的[^：:]*[：:]\s*(您好[！!，,。]?)?\s*/, '')
    .replace(
      /^(來電人|来电人|信访人|信訪人|消费者|乘客|驾驶员|家长)(（[^）]*）)?(再次|第二次|第三次|先)?(来电|來電)?[，,]?(反映|反應|称|咨询|讲|说|补充反映)?[：:，,]?/,
      '',
    );
  const clause = cleaned.split(/[，。！？!?；;\s]/).find((s) => s.length >= 4) ?? cleaned;
  return clause.slice(0, 20);
}

function build(set) {
  const matters = parseSet(set);
  const ids = new Set();
  for (const m of matters) {
    if (ids.has(m.id)) throw new Error(`duplicate matter id ${m.id} (${m.where})`);
    ids.add(m.id);
  }
  const callers = [...new Set(matters.flatMap((m) => m.records.map((r) => r.caller)).filter(Boolean))].sort();
  if (callers.length > 9999) throw new Error('too many callers');
  const phoneOf = new Map(callers.map((c, i) => [c, `${SETS[set].phone}${String(i + 1).padStart(4, '0')}`]));
  const records = [];
  const errors = [];
  for (const m of matters) {
    for (const r of m.records) {
      const receivedAt = `${SETS[set].month}-${String(r.day).padStart(2, '0')}T${r.hh}:${r.mm}:00+08:00`;
      const problems = [];
      const length = [...r.content].length;
      if (length < 30 || length > 220) problems.push(`content length ${length}`);
      if (r.day < 2 || r.day > 15) problems.push(`day ${r.day} outside 2–15 November`);
      if (problems.length) errors.push(`${m.where} (${m.id}): ${problems.join('; ')}: ${r.content}`);
      records.push({
        receivedAt,
        channel: r.channel,
        title: r.title ?? firstClause(r.content),
        content: r.content,
        caller: r.caller ? { key: r.caller, phone: phoneOf.get(r.caller) } : null,
        regionCode: r.regionOverride ? regionOf(r.regionOverride, m.where) : regionOf(m.township, m.where),
        categoryHint: r.hint,
        hubCategory: PUSH.has(r.channel) ? null : m.category,
        labels: { matter: m.id, burst: m.burst, chronic: m.chronic, hardNegativeOf: m.hardNegativeOf },
      });
    }
  }
  if (errors.length) throw new Error(errors.join('\n'));
  records.sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0));
  records.forEach((r, i) => (r.id = `${SETS[set].prefix}${String(i + 1).padStart(4, '0')}`));
  const lines = `${records.map(({ id, ...r }) => JSON.stringify({ id, ...r })).join('\n')}\n`;
  return { matters, records, lines };
}

const out = [];
const briefs = [
  '# Briefs of the hand-written evaluation sets',
  '',
  'Generated by `node eval/hot/build.mjs` from the headers of `eval/hot/src/*.txt`: one line per matter (id, township, labels, brief). Singletons (`…-S…`) are one report each.',
  '',
];
for (const set of Object.keys(SETS)) {
  const { matters, records, lines } = build(set);
  const file = join(here, `${set}.jsonl`);
  const hash = createHash('sha256').update(lines).digest('hex');
  out.push(`${set}: ${records.length} records, ${matters.length} matters, sha256 ${hash}`);
  briefs.push(
    `## ${set} (${records.length} records)`,
    '',
    '| matter | township | records | burst | chronic | hard negative of | brief |',
    '|---|---|---|---|---|---|---|',
  );
  for (const m of matters)
    briefs.push(`| ${m.id} | ${m.township} | ${m.records.length} | ${m.burst ?? ''} | ${m.chronic ?? ''} | ${m.hardNegativeOf ?? ''} | ${m.brief} |`);
  briefs.push('');
  if (args.has('--check')) continue;
  if (set === 'frozen' && existsSync(file) && readFileSync(file, 'utf8') !== lines && !args.has('--refreeze')) {
    throw new Error('frozen.jsonl would change: it is frozen (see eval/hot/FROZEN.sha256); pass --refreeze only for a new frozen set');
  }
  writeFileSync(file, lines);
}
if (!args.has('--check')) writeFileSync(join(here, 'briefs.md'), briefs.join('\n'));
console.log(out.join('\n'));
