// npm run token:revoke -- --name NAME: revokes an API token by name; requests with it get 401 from then on.
import { run } from './cli.ts';
import { tokenRevoke } from './commands.ts';

run(tokenRevoke);
