/** CSV reading core for the importer: bytes → text → delimiter → records → mapped fields → typed values. */
export {
  ByteStreamDecoder,
  decodeByteStream,
  readCsvByteStream,
  type StreamDecoding,
} from "./byte-stream.js";
export { decodeLatinChunk, decodeLatinFamily, type RepairedText } from "./cp850-repair.js";
export {
  type DecodedEncoding,
  type DecodedText,
  type DetectedEncoding,
  decodeBytes,
  detectEncoding,
  type EncodingOverride,
  normalizeEncodingName,
} from "./decode.js";
export {
  CSV_DELIMITERS,
  type CsvDelimiter,
  type DelimiterDetection,
  describeDelimiter,
  detectDelimiter,
  normalizeDelimiter,
  wrongDelimiterHint,
} from "./delimiter.js";
export { CsvError, type CsvErrorKind } from "./errors.js";
export {
  applyMapping,
  type FieldSpec,
  findColumn,
  normalizeColumnName,
  parseMapSpec,
  type ResolvedMapping,
  resolveMapping,
} from "./mapping.js";
export {
  type CsvFile,
  type CsvItem,
  type CsvReadOptions,
  type CsvRecord,
  CsvRecordReader,
  type CsvRowError,
  type CsvTable,
  DEFAULT_MAX_CELL_LENGTH,
  DEFAULT_NULL_VALUES,
  normalizeHeader,
  readCsv,
  readCsvBytes,
  readCsvStream,
  readCsvStreamBatches,
  type StreamOptions,
} from "./records.js";
export {
  CsvTokenizer,
  type RawProblem,
  type RawRecord,
  type TokenizerOptions,
  tokenize,
} from "./tokenizer.js";
export {
  type DateOptions,
  type DateTimeOptions,
  type DecimalOptions,
  type IntegerOptions,
  parseBoolean,
  parseDate,
  parseDateTime,
  parseDecimal,
  parseEmail,
  parseEnum,
  parseInteger,
  parseNpsScore,
  parseOptional,
  parseText,
  quoteRaw,
  type TextOptions,
  type ValueResult,
} from "./values.js";
