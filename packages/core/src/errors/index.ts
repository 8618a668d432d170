export type { InteropErrorCode, InteropErrorCodes } from './codes.js';
export { closestNames, didYouMean } from './did-you-mean.js';
export { withArticle } from './article.js';
export type { InteropErrorDetails } from './interop-error.js';
export { InteropError, formatInteropMessage, isInteropError } from './interop-error.js';
export {
  ConversionError,
  MissingDependencyError,
  MissingPluginError,
  MissingShapeError,
  UnmappedLayerError,
  UnsupportedLayerError,
  UnsupportedStructureError,
} from './named-errors.js';
