/** Where a problem is in an input file: the shape every diagnostic shares. */

/** A position in a source file, 1-based line and column. */
export interface SourcePos {
  file: string;
  line: number;
  col: number;
}

/**
 * One problem found in an input file: where it is, the path in the document
 * (`tests[2].assert[0].type`), what is wrong, and what is allowed.
 */
export interface Diagnostic extends SourcePos {
  /** Path in the document, dotted with [index], empty for the whole file. */
  path: string;
  message: string;
  /** "did you mean …" suggestion, without the words "did you mean". */
  suggestion?: string;
  severity?: 'error' | 'warning';
}
