// npm run token:create -- --name NAME: makes an API token and prints it once (only its sha256 is stored).
import { run } from './cli.ts';
import { tokenCreate } from './commands.ts';

run(tokenCreate);
