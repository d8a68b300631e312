/** Text as a UTF-16 file would hold it, for the encoding tests. */
import { Buffer } from 'node:buffer';

/** `text` as UTF-16 in the given byte order, with or without a BOM. */
export function utf16(text: string, order: 'le' | 'be', bom = true): Buffer {
  const le = Buffer.from(`${bom ? '\ufeff' : ''}${text}`, 'utf16le');
  return order === 'le' ? le : le.swap16();
}
