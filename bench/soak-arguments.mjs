/**
 * @typedef {object} SoakArguments
 * @property {number} durationSeconds  The measured streaming soak.
 * @property {number} warmupSeconds  The same load before it, outside its memory and CPU figures.
 * @property {number} clients  Concurrent streaming clients.
 * @property {number} slowReaders  Clients of the slow-reader phase; 0 skips the phase.
 * @property {number} slowSeconds  Length of the slow-reader phase.
 * @property {boolean} storeProcess  Run the store engine in its own process instead of inside the proxy.
 */

const usage = 'usage: node bench/soak.mjs [--duration S] [--warmup S] [--clients N] [--slow-readers N] [--slow-seconds S] [--store-process]';

/** @type {Record<string, { key: 'durationSeconds' | 'warmupSeconds' | 'clients' | 'slowReaders' | 'slowSeconds', minimum: number }>} */
const numberFlags = {
  '--duration': { key: 'durationSeconds', minimum: 1 },
  '--warmup': { key: 'warmupSeconds', minimum: 0 },
  '--clients': { key: 'clients', minimum: 1 },
  '--slow-readers': { key: 'slowReaders', minimum: 0 },
  '--slow-seconds': { key: 'slowSeconds', minimum: 1 },
};

/**
 * @param {string[]} argv  process.argv without node and the script.
 * @returns {SoakArguments}
 */
export function parseSoakArguments(argv) {
  /** @type {SoakArguments} */
  const parsed = { durationSeconds: 60, warmupSeconds: 30, clients: 200, slowReaders: 50, slowSeconds: 20, storeProcess: false };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (argument === '--store-process') {
      parsed.storeProcess = true;
      continue;
    }
    const flag = numberFlags[argument];
    if (flag === undefined) throw new Error(`unknown argument ${argument}\n${usage}`);
    const value = Number(argv[index + 1]);
    if (!Number.isInteger(value) || value < flag.minimum) {
      throw new Error(`${argument} needs a whole number of at least ${flag.minimum}, got ${argv[index + 1] ?? 'nothing'}\n${usage}`);
    }
    parsed[flag.key] = value;
    index += 1;
  }
  return parsed;
}
