import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/**
 * The baseline: a bare Node http server replaying, byte for byte, answers the
 * gateway gave once (status, headers, body), so each load of the gateway has a
 * ceiling sending exactly what it sends. `GET /<n>` replays the n-th answer of
 * the JSON file in argv[3]; argv[2] is the port. Own process, so it does not
 * share an event loop with the load generator.
 */
export interface RecordedAnswer {
  status: number;
  headers: Record<string, string>;
  /** base64 */
  body: string;
}

const port = Number(process.argv[2]);
const answers = (JSON.parse(readFileSync(process.argv[3], 'utf8')) as RecordedAnswer[]).map((a) => ({ ...a, body: Buffer.from(a.body, 'base64') }));
createServer((req, res) => {
  const answer = answers[Number(req.url?.slice(1))];
  req.resume();
  if (!answer) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}).listen(port, '127.0.0.1', () => process.send?.('ready'));
