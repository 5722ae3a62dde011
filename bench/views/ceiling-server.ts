import { createServer } from 'node:http';

/**
 * The ceiling: a bare Node http server that reads the POST body and answers
 * 202 with a tiny JSON body, as the beacon does. Nothing can be faster here.
 * Run as its own process (port in argv[2]) so it does not share a core's event
 * loop with the load generator.
 */
const port = Number(process.argv[2]);
createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(202, { 'content-type': 'application/json' });
    res.end('{"accepted":1}');
  });
}).listen(port, '127.0.0.1', () => process.send?.('ready'));
