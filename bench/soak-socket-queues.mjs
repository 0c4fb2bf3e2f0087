import { readFileSync } from 'node:fs';

/**
 * @typedef {object} SocketQueues
 * @property {number} simulatorToProxyBytes  Sent by the simulator, not yet read by the proxy (its send and the proxy's receive queues).
 * @property {number} proxyToClientsBytes  Written by the proxy, not yet read by the clients (the proxy's send and the clients' receive queues).
 */

/**
 * How many bytes sit in the kernel's TCP queues between the simulator, the proxy and the clients,
 * from /proc/net/tcp and tcp6 (Linux): `tx_queue` is what a socket has written and its peer has
 * not taken yet, `rx_queue` what arrived and its process has not read. Kernel memory is not in
 * any process's RSS, so this is where a stream held back by a slow reader waits besides the simulator.
 * @param {{ proxyPort: number, simulatorPort: number }} ports
 * @returns {SocketQueues}
 */
export function readSocketQueues(ports) {
  const queues = { simulatorToProxyBytes: 0, proxyToClientsBytes: 0 };
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [local, remote, , queue] = [fields[1], fields[2], fields[3], fields[4]];
      if (local === undefined || remote === undefined || queue === undefined) continue;
      const localPort = Number.parseInt(local.split(':').at(-1) ?? '', 16);
      const remotePort = Number.parseInt(remote.split(':').at(-1) ?? '', 16);
      const [transmit = 0, receive = 0] = queue.split(':').map((hex) => Number.parseInt(hex, 16));
      if (localPort === ports.simulatorPort) queues.simulatorToProxyBytes += transmit;
      if (remotePort === ports.simulatorPort) queues.simulatorToProxyBytes += receive;
      if (localPort === ports.proxyPort) queues.proxyToClientsBytes += transmit;
      if (remotePort === ports.proxyPort) queues.proxyToClientsBytes += receive;
    }
  }
  return queues;
}
