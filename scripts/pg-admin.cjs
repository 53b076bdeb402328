// Small PostgreSQL admin helper for .ci/run: `ping URL`, `create URL NAME`, `drop URL NAME`.
const { Client } = require('pg');

async function main() {
  const [command, url, name] = process.argv.slice(2);
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    if (command === 'create') await client.query(`create database "${name.replace(/"/g, '')}"`);
    else if (command === 'drop') await client.query(`drop database if exists "${name.replace(/"/g, '')}" with (force)`);
    else if (command !== 'ping') throw new Error(`unknown command ${command}`);
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
