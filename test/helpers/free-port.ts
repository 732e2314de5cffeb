import { once } from 'node:events';
import net from 'node:net';

/**
 * A port that was free on 127.0.0.1 a moment ago, for a child process told where to listen; the race with another
 * program is harmless on a test or bench machine.
 */
export async function findFreePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
