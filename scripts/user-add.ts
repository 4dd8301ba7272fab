// npm run user:add -- --username NAME --role nurse|clinician|admin [--password P]: adds an account (asks for the password if not given).
import { run } from './cli.ts';
import { userAdd } from './commands.ts';

run(userAdd);
