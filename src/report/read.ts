/** Reading a report.json back (for `qeval report`, `compare`, `merge`, `rescore`). */
import { readFile } from 'node:fs/promises';
import { REPORT_VERSION, type Report } from '../contracts/report.js';
import { InputError } from '../errors.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads and checks a report.json: missing file, bad JSON, not a qeval report, unsupported
 * version → InputError (exit 2) naming the file. The check is of the envelope only; the full
 * shape is documented by schema/report.schema.json.
 */
export async function readReport(path: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    throw new InputError(`cannot read report ${path}: ${why}`, 'E_REPORT_READ', err);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError(
      `${path} is not valid JSON (${(err as Error).message}); is it a complete report.json?`,
      'E_REPORT_JSON',
      err,
    );
  }
  if (!isObject(data) || !('version' in data) || !isObject(data.run) || !Array.isArray(data.cases)) {
    throw new InputError(
      `${path} is not a qeval report (expected an object with version, run, summary and cases)`,
      'E_REPORT_SHAPE',
    );
  }
  if (data.version !== REPORT_VERSION) {
    throw new InputError(
      `${path} has report version ${JSON.stringify(data.version)}; this qeval reads version ${REPORT_VERSION}. Use the qeval that wrote it, or re-run.`,
      'E_REPORT_VERSION',
    );
  }
  if (!isObject(data.summary)) {
    throw new InputError(`${path} is not a qeval report: it has no summary`, 'E_REPORT_SHAPE');
  }
  return data as unknown as Report;
}
