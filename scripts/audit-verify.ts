// npm run audit:verify: walks the audit trail's hash chain and names the first altered or missing row (exit 1).
import { run } from './cli.ts';
import { auditVerify } from './commands.ts';

run(auditVerify);
