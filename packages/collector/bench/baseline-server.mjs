// The benchmark's baseline: what node:http and better-sqlite3 do with no framework and no
// validation. It parses the batch, inserts each response in one transaction (WAL, synchronous
// NORMAL, as the collector does) and answers a result per response. Started by
// collector-bench.mjs; prints `listening on URL` like the collector.

import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Database from 'better-sqlite3';

const [file] = process.argv.slice(2);
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(
  'CREATE TABLE IF NOT EXISTS responses (id TEXT PRIMARY KEY, body TEXT NOT NULL, receipt TEXT NOT NULL)',
);
const insert = db.prepare(
  'INSERT INTO responses (id, body, receipt) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
);
const store = db.transaction((responses) =>
  responses.map((response) => {
    const receipt = randomBytes(8).toString('hex');
    insert.run(response.id, JSON.stringify(response), receipt);
    return { id: response.id, status: 'accepted', receipt };
  }),
);

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    let results;
    try {
      results = store(JSON.parse(Buffer.concat(chunks).toString('utf8')).responses);
    } catch {
      response.writeHead(400).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ results }));
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => db.close()));
