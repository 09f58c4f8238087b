/**
 * Bad input from a user (flag, config file, scenario): reported as one line naming the field, the value and
 * what is allowed; the CLI prints it without a stack trace and exits with code 2.
 */
export class UsageError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly allowed: string,
  ) {
    super(`${field}: got ${JSON.stringify(value)}; allowed: ${allowed}`);
    this.name = "UsageError";
  }
}
