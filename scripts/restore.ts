// npm run restore -- FILE: swaps a checked backup into DATA_DIR; refuses while the server runs there.
import { run } from './cli.ts';
import { restore } from './commands.ts';

run(restore);
