import { ValidationError } from "../errors.js";

/** Why a whole file (not a single row) cannot be read; rows with problems are reported as row errors instead. */
export type CsvErrorKind =
  | "unknown_encoding"
  | "invalid_encoding"
  | "binary_file"
  | "empty_file"
  | "invalid_header"
  | "unsupported_delimiter"
  | "duplicate_header"
  | "invalid_option"
  | "mapping_syntax"
  | "mapping_unknown_field"
  | "mapping_unknown_column"
  | "mapping_ambiguous"
  | "mapping_missing_required";

/** A file-level CSV problem; extends ValidationError so the HTTP layer reports it as bad input, not a crash. */
export class CsvError extends ValidationError {
  constructor(
    readonly kind: CsvErrorKind,
    message: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(message, [{ field: "file", message }]);
  }
}
