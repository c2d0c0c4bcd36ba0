/** Minimal line logger for the local runtime: time, component, message, then key=value fields. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(component: string): Logger;
}

const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = keyof typeof levels;

function thresholdFromEnv(): number {
  const name = (process.env.LOCAL_LOG_LEVEL ?? 'info').toLowerCase();

  return name in levels ? levels[name as Level] : levels.info;
}

function formatField(value: unknown): string {
  if (value instanceof Error) {
    return JSON.stringify(value.message);
  }
  if (typeof value === 'string') {
    return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  }

  return JSON.stringify(value);
}

export function createLogger(component: string, threshold = thresholdFromEnv()): Logger {
  const write = (level: Exclude<Level, 'silent'>, message: string, fields = {}) => {
    if (levels[level] < threshold) {
      return;
    }
    const time = new Date().toISOString().slice(11, 23);
    const pairs = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${formatField(value)}`);
    const tag = level === 'info' ? '' : ` ${level.toUpperCase()}`;
    process.stderr.write(`${time} [${component}]${tag} ${[message, ...pairs].join(' ')}\n`);
  };

  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (name) => createLogger(`${component}:${name}`, threshold),
  };
}
