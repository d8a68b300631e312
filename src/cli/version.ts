import { readFileSync } from 'node:fs';

/** The version in package.json, read without loading the library (`qeval -v` stays instant). */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
