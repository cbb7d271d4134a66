import { isIP } from 'node:net';

/**
 * Whether binding to `host` keeps a server on this machine: `localhost`, 127.0.0.0/8 and ::1 (also
 * written as an IPv4-mapped address). Any other host, `0.0.0.0` and `::` above all, reaches a network.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost') return true;
  const v4 = bare.replace(/^::ffff:/, '');
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return isIP(bare) === 6 && /^(0{0,4}:){2,7}0{0,3}1$/.test(bare);
}
