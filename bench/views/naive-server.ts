import { createServer } from 'node:http';
import { Pool } from 'pg';

/**
 * The naive baseline: one Postgres `UPDATE ... SET views = views + 1` per view,
 * answered once committed. argv: port, database URL, number of rows to spread
 * the updates over. Own process, like the ceiling.
 */
const [port, databaseUrl, rows] = [Number(process.argv[2]), process.argv[3], Number(process.argv[4])];
const pool = new Pool({ connectionString: databaseUrl, max: 10 });
createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    pool
      .query('update bench_naive_views set views = views + 1 where id = $1', [1 + Math.floor(Math.random() * rows)])
      .then(() => {
        res.writeHead(202, { 'content-type': 'application/json' });
        res.end('{"accepted":1}');
      })
      .catch(() => {
        res.writeHead(500);
        res.end();
      });
  });
}).listen(port, '127.0.0.1', () => process.send?.('ready'));
