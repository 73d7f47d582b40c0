/**
 * The floor for any Node reverse proxy: `node:http` piping each request to the target and its
 * answer back, parsing nothing (no body, no JSON, no cookie). It only rewrites `Host` to the
 * target's, as reverse proxies do, so a request signed for the target still verifies there.
 * Keep-alive to the target, like the BFF's upstream agent.
 *
 *   node --import tsx bench/lib/bare-proxy.ts --target http://127.0.0.1:8801 --port 9000
 */
import http from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { target: { type: 'string' }, port: { type: 'string', default: '0' } },
});
if (values.target === undefined) throw new Error('--target <url> is required');
const target = new URL(values.target);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

const server = http.createServer((req, res) => {
  const upstream = http.request(
    {
      agent,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: target.host },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (res.headersSent) res.destroy();
    else res.writeHead(502).end();
  });
  req.pipe(upstream);
});

server.listen(Number(values.port), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  console.log(`bare proxy listening at http://127.0.0.1:${port} -> ${target.origin}`);
});

process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
