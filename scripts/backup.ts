// npm run backup -- FILE: copies the live database with SQLite's online backup (safe while the server runs).
import { run } from './cli.ts';
import { backup } from './commands.ts';

run(backup);
