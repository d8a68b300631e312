import { describe, expect, it } from 'vitest';
import { foldCase } from '../../../src/lang/case-fold.js';

describe('foldCase', () => {
  it('applies Turkish and Azerbaijani dotted/dotless i', () => {
    expect(foldCase('İSTANBUL', 'tr')).toBe('istanbul');
    expect(foldCase('ISPARTA', 'tr')).toBe('ısparta');
    expect(foldCase('ISPARTA', 'az')).toBe('ısparta');
    expect(foldCase('ISPARTA', 'en')).toBe('isparta');
    expect(foldCase('İstanbul', 'de')).toBe('istanbul');
  });

  it('applies full folding: ß, ẞ and ligatures', () => {
    expect(foldCase('Straße', 'de')).toBe('strasse');
    expect(foldCase('ẞ', 'de')).toBe('ss');
    expect(foldCase('ﬁle', null)).toBe('file');
  });

  it('unifies Greek sigmas, and drops accents for Greek', () => {
    expect(foldCase('ΟΔΟΣ', null)).toBe('οδοσ');
    expect(foldCase('οδός', null)).toBe('οδόσ');
    expect(foldCase('οδός', 'el')).toBe('οδοσ');
    expect(foldCase('ΑΘΉΝΑ', 'el-GR')).toBe('αθηνα');
  });

  it('normalises to NFC and tolerates a malformed lang', () => {
    expect(foldCase('E\u0301COLE', 'fr')).toBe('école');
    expect(foldCase('ABC', 'not a tag!!')).toBe('abc');
  });
});
