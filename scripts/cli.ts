// Shared plumbing for the npm run commands: flags, DATA_DIR from the server's configuration, a hidden prompt, exit codes.
import { createInterface } from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { AppError } from '../src/errors.ts';
import type { Io } from './commands.ts';

export function flags<T extends NonNullable<ParseArgsConfig['options']>>(options: T, argv: string[]) {
  return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
}

/** Asks on the terminal without echoing what is typed. */
export function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream };
    let asked = false;
    out._writeToOutput = (s: string) => { if (!asked) { out.output.write(s); asked = true; } };
    rl.question(question, (answer) => { rl.close(); process.stdout.write('\n'); resolve(answer); });
  });
}

/** Runs a command with this process's argv and terminal: a typed error prints its message and exits 1; anything else exits 2. */
export function run(command: (argv: string[], io: Io) => Promise<number>): void {
  Promise.resolve()
    .then(() => command(process.argv.slice(2), {
      dataDir: loadConfig().dataDir, out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s),
      ask: process.stdin.isTTY ? askHidden : undefined,
    }))
    .then((code) => process.exit(code))
    .catch((e: unknown) => {
      const known = e instanceof AppError || (e as Error)?.name === 'ZodError' || (e as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS');
      process.stderr.write(`${known ? (e as Error).message : `failed: ${(e as Error)?.message ?? e}`}\n`);
      process.exit(known ? 1 : 2);
    });
}
