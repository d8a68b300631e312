#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// A closed pipe (`qeval --help | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // Reaching here is a bug: known errors are handled inside main().
    console.error('qeval: internal error (please report this):');
    console.error(err?.stack ?? err);
    process.exitCode = 70;
  },
);
