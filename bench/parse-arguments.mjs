/**
 * @typedef {object} BenchArguments
 * @property {boolean} quick  2 s runs at 50 connections (plus what a target needs), for a fast check.
 * @property {string | undefined} out  A file to write the report to, besides stdout.
 */

const usage = 'usage: node bench/run-bench.mjs [--quick] [--out FILE]';

/**
 * @param {string[]} argv  process.argv without node and the script.
 * @returns {BenchArguments}
 */
export function parseArguments(argv) {
  /** @type {BenchArguments} */
  const parsed = { quick: false, out: undefined };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--quick') parsed.quick = true;
    else if (argument === '--out') {
      const file = argv[index + 1];
      if (file === undefined || file.startsWith('--')) throw new Error(`--out needs a file name\n${usage}`);
      parsed.out = file;
      index += 1;
    } else throw new Error(`unknown argument ${argument}\n${usage}`);
  }
  return parsed;
}
