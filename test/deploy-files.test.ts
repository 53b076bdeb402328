import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * The deployment kit (Dockerfile, compose.yaml, deploy/) checked without a Docker engine (none runs
 * here): the Dockerfile's stages and runtime rules, compose's wiring read with a YAML parser, and —
 * where a Compose implementation is installed (`docker compose` or Debian's `docker-compose`) —
 * `config` validating the file with the values it requires.
 */
const ROOT = join(__dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Stage {
  name: string;
  from: string;
  instructions: Array<{ op: string; args: string }>;
}

/** Dockerfile → stages with their instructions (continuation lines joined, comments dropped). */
function dockerStages(text: string): { args: Record<string, string>; stages: Stage[] } {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, op, rest] = /^(\S+)\s*(.*)$/.exec(line)!;
    const upper = op.toUpperCase();
    if (upper === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest)!;
      stages.push({ from: m[1].replace(/\$\{(\w+)\}/g, (_, k) => args[k] ?? ''), name: m[2] ?? String(stages.length), instructions: [] });
    } else if (upper === 'ARG' && !stages.length) {
      const [k, v] = rest.split('=');
      args[k] = v ?? '';
    } else {
      stages.at(-1)!.instructions.push({ op: upper, args: rest });
    }
  }
  return { args, stages };
}

function composeTool(): string[] | null {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0) return ['docker-compose'];
  return null;
}

describe('Dockerfile', () => {
  const { stages } = dockerStages(read('Dockerfile'));
  const runtime = stages.at(-1)!;
  const ops = (stage: Stage, op: string) => stage.instructions.filter((i) => i.op === op).map((i) => i.args);

  it('is multi-stage on Node 24: a build stage with dev dependencies, a runtime stage with production dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(/^node:24[.-]/);
    const build = stages.find((s) => ops(s, 'RUN').some((r) => r.includes('scripts/build.mjs')))!;
    expect(build).toBeDefined();
    expect(ops(build, 'RUN').some((r) => /npm ci(?!.*--omit=dev)/.test(r))).toBe(true);
    // node_modules in the runtime stage come from a stage that installed without dev dependencies.
    const modules = ops(runtime, 'COPY').find((c) => /\/node_modules\b/.test(c))!;
    const source = stages.find((s) => s.name === /--from=(\S+)/.exec(modules)![1])!;
    expect(ops(source, 'RUN').some((r) => /npm ci .*--omit=dev/.test(r))).toBe(true);
    expect(ops(runtime, 'COPY').some((c) => new RegExp(`--from=${build.name}\\b.*dist`).test(c))).toBe(true);
    expect(ops(runtime, 'RUN').every((r) => !/npm (ci|install)/.test(r))).toBe(true);
  });

  it('runs `node dist/src/main.js` (not npm) as a non-root user, with NODE_ENV=production and a /healthz HEALTHCHECK', () => {
    const users = ops(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    const cmd = JSON.parse(ops(runtime, 'CMD').at(-1)!) as string[];
    expect(cmd[0]).toBe('node');
    expect(cmd.at(-1)).toBe('dist/src/main.js');
    expect(cmd.join(' ')).not.toMatch(/\bnpm\b/);
    expect(ops(runtime, 'ENTRYPOINT')).toEqual([]);
    expect(ops(runtime, 'ENV').join(' ')).toMatch(/NODE_ENV=production/);
    const health = ops(runtime, 'HEALTHCHECK').join(' ');
    expect(health).toMatch(/CMD/);
    expect(health).toMatch(/\/healthz/);
  });

  it('.dockerignore keeps local data, keys and installed modules out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['node_modules', '.data', '.env', '.git', 'dist']) expect(ignored).toContain(entry);
  });
});

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, any>; volumes?: Record<string, unknown> };
  const env = (service: string) => compose.services[service].environment as Record<string, string>;

  it('has a PostgreSQL primary, a streaming read replica, Redis, two hub instances and a proxy', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['hub-1', 'hub-2', 'postgres-primary', 'postgres-replica', 'proxy', 'redis']);
    expect(compose.services['postgres-primary'].command.join(' ')).toMatch(/wal_level=replica/);
    const replica = compose.services['postgres-replica'];
    const script = replica.volumes.find((v: string) => v.startsWith('./deploy/')).split(':')[0];
    expect(read(script)).toMatch(/pg_basebackup .*-R/);
    expect(replica.entrypoint.join(' ')).toContain(script.replace('./deploy/', '/deploy/'));
    expect(replica.depends_on['postgres-primary'].condition).toBe('service_healthy');
  });

  it('wires each hub to the primary, the replica and Redis, with the data key from the environment (never a literal)', () => {
    for (const hub of ['hub-1', 'hub-2']) {
      const e = env(hub);
      expect(compose.services[hub].build).toBe('.');
      expect(new URL(e.DATABASE_URL.replace(/\$\{[^}]+\}/g, 'x')).hostname).toBe('postgres-primary');
      expect(e.DATABASE_READ_URL.split(',').map((u) => new URL(u.replace(/\$\{[^}]+\}/g, 'x')).hostname)).toEqual(['postgres-replica']);
      expect(new URL(e.REDIS_URL).hostname).toBe('redis');
      expect(e.MINYI_DATA_KEY).toMatch(/^\$\{MINYI_DATA_KEY:\?/);
      expect(e.NODE_ENV).toBe('production');
    }
    // Migrations run once: the second instance starts after the first is healthy.
    expect(compose.services['hub-2'].depends_on['hub-1'].condition).toBe('service_healthy');
  });

  it('puts the hubs behind a WebSocket-aware proxy: /graphql passes Upgrade and Connection, upstream lists both instances', () => {
    const proxy = compose.services.proxy;
    const mount = proxy.volumes.find((v: string) => v.includes('nginx.conf')) as string;
    const conf = read(mount.split(':')[0]);
    const upstream = /upstream\s+(\w+)\s*\{([^}]*)\}/.exec(conf)!;
    expect([...upstream[2].matchAll(/server\s+([\w-]+):4000/g)].map((m) => m[1]).sort()).toEqual(['hub-1', 'hub-2']);
    const graphql = /location\s+\/graphql\s*\{([^}]*)\}/.exec(conf)![1];
    expect(graphql).toContain(`proxy_pass http://${upstream[1]}`);
    expect(graphql).toMatch(/proxy_http_version\s+1\.1;/);
    expect(graphql).toMatch(/proxy_set_header\s+Upgrade\s+\$http_upgrade;/);
    expect(graphql).toMatch(/proxy_set_header\s+Connection\s+\$connection_upgrade;/);
    expect(conf).toMatch(/map\s+\$http_upgrade\s+\$connection_upgrade\s*\{[^}]*default\s+upgrade;/);
    expect(graphql).toMatch(/proxy_read_timeout\s+(\d+h|\d{4,}s?);/);
  });

  const tool = composeTool();
  (tool ? it : it.skip)(
    `validates with ${tool?.join(' ') ?? 'a Compose implementation (none installed: skipped)'} config, and refuses to start without MINYI_DATA_KEY`,
    () => {
      const base = { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp' };
      const values = { POSTGRES_PASSWORD: 'pw', REPLICATION_PASSWORD: 'rpw', MINYI_DATA_KEY: 'a'.repeat(64) };
      const args = [...tool!.slice(1), '-f', join(ROOT, 'compose.yaml'), '--project-directory', ROOT, 'config'];
      const ok = execFileSync(tool![0], args, { env: { ...base, ...values }, encoding: 'utf8' });
      expect(ok).toContain('postgres-replica');
      const missing = spawnSync(tool![0], args, { env: { ...base, POSTGRES_PASSWORD: 'pw', REPLICATION_PASSWORD: 'rpw' }, encoding: 'utf8' });
      expect(missing.status).not.toBe(0);
      expect(missing.stderr + missing.stdout).toContain('MINYI_DATA_KEY');
    },
  );
});

describe('package.json runtime', () => {
  const pkg = JSON.parse(read('package.json'));

  it('targets Node 24 (the current LTS line) and carries no unused front-end dependencies', () => {
    expect(pkg.engines.node).toBe('>=24');
    expect(pkg.devDependencies['@types/node']).toMatch(/^\^24\./);
    expect(pkg.dependencies.react).toBeUndefined();
    expect(pkg.dependencies['react-dom']).toBeUndefined();
  });
});
