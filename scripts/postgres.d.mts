export interface RunningPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/minyi`, trust authentication on loopback. */
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** Stops the server (fast shutdown) and removes its data directory. */
  stop(): Promise<void>;
}
export declare function findPostgresBin(): string | undefined;
export declare function startPostgres(options?: {
  settings?: Record<string, string | number>;
  database?: string;
  /** Where the data directory is made; the system's temporary folder by default. */
  baseDir?: string;
}): Promise<RunningPostgres>;
