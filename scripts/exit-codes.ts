/** Exit codes shared by every CLI of the project (documented in the README). */
export const EXIT = {
  OK: 0,
  /** Something failed (a workflow, a check, a service). */
  FAILURE: 1,
  /** Bad arguments or bad configuration. */
  USAGE: 2,
  /** `parse`: the input is a recognised error payload of the source (bad key, limit reached...). */
  SOURCE_ERROR_PAYLOAD: 3,
  /** `parse`: the input cannot be parsed. */
  UNPARSEABLE: 4,
} as const;
