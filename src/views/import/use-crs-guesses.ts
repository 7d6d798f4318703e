import { useEffect, useState } from 'react';
import { describeCoordinates, guessCrs, type CoordinateShape, type CrsGuess } from '../../core/import/guess-crs';
import { peekTable } from '../../core/import/peek-table';
import type { SourceFile } from '../../core/import/source-file';

export interface FileDatumGuess {
  guess: CrsGuess;
  shape: CoordinateShape;
}

/** Reads the start of each picked file and says what its datum looks like (null: unreadable ahead). */
export function useCrsGuesses(files: readonly SourceFile[]): Record<string, FileDatumGuess | null> | null {
  const [guesses, setGuesses] = useState<Record<string, FileDatumGuess | null> | null>(null);
  useEffect(() => {
    let alive = true;
    void Promise.all(
      files.map(async (f) => {
        const peek = await peekTable(f);
        const guess: FileDatumGuess | null = peek
          ? { guess: guessCrs(f.name, peek.headers), shape: describeCoordinates(peek.coordinates) }
          : null;
        return [f.name, guess] as const;
      }),
    ).then((entries) => {
      if (alive) setGuesses(Object.fromEntries(entries));
    });
    return () => {
      alive = false;
    };
  }, [files]);
  return guesses;
}
