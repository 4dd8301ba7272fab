// JSON-lines logger: ids, counts, timings and versions only — callers never pass patient text.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type Fields = Record<string, string | number | boolean | null | undefined>;
export type Logger = { debug(msg: string, f?: Fields): void; info(msg: string, f?: Fields): void; warn(msg: string, f?: Fields): void; error(msg: string, f?: Fields): void };

const ORDER: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** Fields are typed as scalars so that whole request bodies cannot be logged by accident. */
export function createLogger(level: LogLevel = 'info', write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
  const min = ORDER.indexOf(level);
  const log = (lvl: LogLevel) => (msg: string, f: Fields = {}) => {
    if (ORDER.indexOf(lvl) < min) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...f }));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
