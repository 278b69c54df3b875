/** A configuration problem: the CLIs print the message and exit with code 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

export const CONFIG_ERROR_EXIT_CODE = 2;
